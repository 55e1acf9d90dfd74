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
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as {
      error?: { code: string; message_zh: string; message_en: string };
    } | null;
    if (response.status === 401 && !path.endsWith('/auth/login'))
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'http_error',
      payload?.error?.message_zh ?? `请求失败（${response.status}）`,
      payload?.error?.message_en ?? `Request failed (${response.status})`,
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const getJson = <T>(path: string) => request<T>('GET', path);
export const postJson = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const patchJson = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const deleteJson = <T>(path: string) => request<T>('DELETE', path);
