/** Assembles the kernels of wat.ts and down-wat.ts with wabt (a development dependency: build script and tests only). */
import { downWat } from './down-wat.js';
import { KERNEL_LANES, sweepWat } from './wat.js';

async function assemble(name: string, text: (lanes: number) => string): Promise<Record<number, string>> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const out: Record<number, string> = {};
  for (const lanes of KERNEL_LANES) {
    const module = wabt.parseWat(`${name}${lanes}.wat`, text(lanes), { simd: true });
    try {
      module.validate();
      out[lanes] = Buffer.from(module.toBinary({}).buffer).toString('base64');
    } finally {
      module.destroy();
    }
  }
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
