/** A failure the caller can act on, explained in Chinese and English; routes map `status` to HTTP. */
export type AppErrorCode =
  | 'not_found'
  | 'invalid_input'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'too_many_requests';

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export function notFound(whatZh: string, whatEn: string): AppError {
  return new AppError('not_found', `未找到${whatZh}`, `${whatEn} not found`);
}
