import { escalateOverdueCases } from '@chainbrain/app';
import type { Database } from '@chainbrain/store';

/** How often the server looks for risk cases whose deadline has passed: well inside a day's deadlines. */
export const DEADLINE_CHECK_MS = 10 * 60_000;

/**
 * Moves overdue risk cases up a level now and every DEADLINE_CHECK_MS while the server runs (ADR 0021).
 * Pages show a case as overdue the moment its deadline passes, whether or not this has run yet. Returns a
 * function that stops the timer; a failed run is logged and retried at the next tick.
 */
export function startCaseDeadlines(
  database: Database,
  log: (message: string) => void,
  everyMs = DEADLINE_CHECK_MS,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const moved = await escalateOverdueCases(database);
      if (moved > 0)
        log(`risk cases: ${moved} overdue moved up a level / ${moved} 个逾期风险事项已上报上一级`);
    } catch (error) {
      log(`risk cases: deadline check failed / 逾期检查失败: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
