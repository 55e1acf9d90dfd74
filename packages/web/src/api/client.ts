/** A failed API call, carrying the server's bilingual explanation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }
}

/** Fired when the server says the session is gone; the app then shows the login page. */
export const UNAUTHORIZED_EVENT = 'chainbrain:unauthorized';

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('cb_csrf='))
    ?.slice('cb_csrf='.length);
}

/**
 * Whether the browser may hold a session: sign-in sets the readable CSRF cookie with the session's expiry
 * and sign-out clears it. Without it, asking who is signed in can only be answered 401, which the browser
 * logs as a console error on every visit to the login page.
 */
export function mayHaveSession(): boolean {
  return csrfToken() !== undefined;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Changes made with the session cookie must echo the CSRF token (docs/security.md).
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // The browser's own text ("TypeError: Failed to fetch") means nothing to a reader, in either language.
    throw new ApiError(
      0,
      'network_error',
      '无法连接服务器，请检查网络后重试',
      'Cannot reach the server; check the network and retry',
    );
  }
  if (!response.ok) throw await failureOf(response, path);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The server's bilingual explanation of a failed answer; a lost session also signs the app out. */
async function failureOf(response: Response, path: string): Promise<ApiError> {
  const payload = (await response.json().catch(() => null)) as {
    error?: { code: string; message_zh: string; message_en: string };
  } | null;
  if (response.status === 401 && !path.endsWith('/auth/login'))
    window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return new ApiError(
    response.status,
    payload?.error?.code ?? 'http_error',
    payload?.error?.message_zh ?? `请求失败（${response.status}）`,
    payload?.error?.message_en ?? `Request failed (${response.status})`,
  );
}

/**
 * Downloads a file the API makes (an Excel export) under the name the server gives, in the reader's
 * language. Fetched rather than linked, so that a refusal shows the server's explanation instead of
 * saving an error page as a spreadsheet.
 */
export async function downloadFile(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      '无法连接服务器，请检查网络后重试',
      'Cannot reach the server; check the network and retry',
    );
  }
  if (!response.ok) throw await failureOf(response, path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = encoded ? decodeURIComponent(encoded) : (plain ?? 'export.xlsx');
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the file to the browser's download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const getJson = <T>(path: string) => request<T>('GET', path);
export const postJson = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const patchJson = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const deleteJson = <T>(path: string) => request<T>('DELETE', path);
