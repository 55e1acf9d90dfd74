/**
 * Assembles the kernels of wat.ts, down-wat.ts and dense-wat.ts with wabt (a development
 * dependency: build script and tests only).
 */
import { denseWat } from './dense-wat.js';
import { downWat } from './down-wat.js';
import { KERNEL_LANES, sweepWat } from './wat.js';

async function assembleOne(name: string, text: string): Promise<string> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const features = { simd: true, threads: true };
  const module = wabt.parseWat(`${name}.wat`, text, features);
  try {
    // wabt's typings omit validate's features argument; without it, validation refuses shared memory.
    (module.validate as (f: typeof features) => void)(features);
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

async function assemble(name: string, text: (lanes: number) => string): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const lanes of KERNEL_LANES) out[lanes] = await assembleOne(`${name}${lanes}`, text(lanes));
  return out;
}

/** The upstream sweep (wat.ts) per lane count, as base64. */
export function assembleKernels(): Promise<Record<number, string>> {
  return assemble('sweep', sweepWat);
}

/** The downstream lane step (down-wat.ts) per lane count, as base64. */
export function assembleDownKernels(): Promise<Record<number, string>> {
  return assemble('down', downWat);
}

/** The dense rows of one scenario (dense-wat.ts), as base64. */
export function assembleDenseKernel(): Promise<string> {
  return assembleOne('dense', denseWat());
}
