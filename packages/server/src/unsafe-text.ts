/**
 * Text no field of this API accepts: C0 and C1 control characters other than tab and line breaks (NUL
 * made PostgreSQL refuse the query, a 500), Unicode bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: a user name that reads backwards in the audit log), and halves of a surrogate pair
 * without their other half (not valid UTF-8; jsonb refused them, and the text store replaced them).
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeText = { path: string; index: number; codePoint: string };

function inString(text: string, path: string): UnsafeText | null {
  const match = UNSAFE.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { path, index: match.index, codePoint: `U+${code}` };
}

/** A key as it may be quoted back in an error: its unsafe characters written as \uXXXX. */
function quotable(key: string): string {
  return key.replace(
    new RegExp(UNSAFE.source, 'g'),
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * The first string (value or key) holding unsafe text, with its JSON-pointer path, or null. Passwords are
 * not looked at: they are never shown or stored as text, and one set before this check must still work.
 */
const PASSWORD_KEYS = new Set(['password', 'current_password', 'new_password']);

export function findUnsafeText(value: unknown, path = ''): UnsafeText | null {
  if (typeof value === 'string') return inString(value, path);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${path}/${quotable(key)}`;
      const found = inString(key, at) ?? (PASSWORD_KEYS.has(key) ? null : findUnsafeText(item, at));
      if (found) return found;
    }
  }
  return null;
}
