/** Assembles the kernels of wat.ts with wabt (a development dependency: build script and tests only). */
import { KERNEL_LANES, sweepWat } from './wat.js';

export async function assembleKernels(): Promise<Record<number, string>> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const out: Record<number, string> = {};
  for (const lanes of KERNEL_LANES) {
    const module = wabt.parseWat(`sweep${lanes}.wat`, sweepWat(lanes), { simd: true });
    try {
      module.validate();
      out[lanes] = Buffer.from(module.toBinary({}).buffer).toString('base64');
    } finally {
      module.destroy();
    }
  }
  return out;
}
