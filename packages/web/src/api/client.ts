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

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message_zh: string; message_en: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message_zh ?? `请求失败（${response.status}）`,
      body?.error?.message_en ?? `Request failed (${response.status})`,
    );
  }
  return (await response.json()) as T;
}
