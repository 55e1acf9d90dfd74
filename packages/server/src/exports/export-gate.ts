import { AppError } from '@chainbrain/app';

/**
 * Exports are built in memory (a 20,000-firm list takes about 2 s and 265 MB), so they run a few at a
 * time: one per user, and EXPORTS_AT_ONCE in all. A review ran eight at once to 1.6 GB, with other users'
 * pages waiting seconds. A refused export is a 429 in both languages; nothing of it is done.
 */
export const EXPORTS_AT_ONCE = 2;

export type ExportGate = { enter(userId: number): void; leave(userId: number): void };

export function createExportGate(limit = EXPORTS_AT_ONCE): ExportGate {
  const running = new Set<number>();
  return {
    enter(userId) {
      if (running.has(userId))
        throw new AppError(
          'too_many_requests',
          '您的上一个导出尚未完成，请稍候再试',
          'Your previous export is still being made; try again when it is done',
        );
      if (running.size >= limit)
        throw new AppError(
          'too_many_requests',
          '当前导出任务较多，请稍候再试',
          'Too many exports are being made right now; try again in a moment',
        );
      running.add(userId);
    },
    leave(userId) {
      running.delete(userId);
    },
  };
}
