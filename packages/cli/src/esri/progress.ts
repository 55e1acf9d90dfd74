// Progress of `chainbrain esri` on stderr: a bar on a terminal, a line now and then elsewhere.
import cliProgress from 'cli-progress';
import { note } from './note.js';

// Format is not among the names Node finds in this CommonJS module, so it comes from the default export.
const { Format, Presets, SingleBar } = cliProgress;

type Progress = { update: (done: number) => void; stop: () => void };

export type Unit = { en: string; zh: string };
export const FIRMS: Unit = { en: 'firms', zh: '家企业' };
export const SCENARIOS: Unit = { en: 'scenarios', zh: '个情景' };

/**
 * The bar's line once `done` items are done. The time left is an estimate from the items done so far, so
 * before the first is done there is none: the bar showed "eta 0s" then, though a first batch of firms
 * can take minutes.
 */
export function barTemplate(label: string, unit: Unit, done: number): string {
  const line = `${label} [{bar}] {percentage}% {value}/{total} ${unit.en} | {duration_formatted} elapsed`;
  return done > 0 ? `${line} | eta {eta_formatted}` : line;
}

/** A bar on a terminal; elsewhere (logs, CI) a plain line every 10% or 30 s. */
export function progressBar(label: string, total: number, unit: Unit): Progress {
  if (!process.stderr.isTTY) {
    const start = performance.now();
    let lastTime = start;
    let lastDecile = 0;
    return {
      update: (done) => {
        const now = performance.now();
        const decile = Math.floor((10 * done) / total);
        if (decile > lastDecile || now - lastTime > 30_000) {
          lastDecile = decile;
          lastTime = now;
          const seconds = ((now - start) / 1000).toFixed(1);
          note(
            `${label} ${done}/${total} ${unit.en}, ${seconds} s`,
            `${label} 已完成 ${done}/${total} ${unit.zh}，${seconds} 秒`,
          );
        }
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: (options, params, payload) =>
        Format.Formatter({ ...options, format: barTemplate(label, unit, params.value) }, params, payload),
      etaBuffer: 200,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
