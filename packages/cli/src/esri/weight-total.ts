// The ESRI weights are divided by their total, so a total that overflows to Infinity makes every weight
// 0 and every ESRI 0 with no error. Each firm's own sum is checked when the network is built; the total
// over all firms can overflow while each firm's is finite (links of 1e308 in a cycle).
import { InputError } from './input-error.js';

export type WeightSource = { file: string; en: string; zh: string };

/** Throws unless the weights add up to a finite number > 0; `source` says where the weights come from. */
export function checkWeightTotal(weights: Float64Array, source: WeightSource): void {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (Number.isFinite(total) && total > 0) return;
  const why = total > 0 ? 'add up to more than a float can hold' : 'add up to 0';
  const zhWhy = total > 0 ? '合计超出浮点数范围' : '合计为 0';
  throw new InputError(
    source.file,
    0,
    0,
    `${source.en}, the ESRI weights, ${why}, so every ESRI would be 0; give them in a larger unit (e.g. 10,000 yuan)`,
    `${source.zh}即 ESRI 权重，${zhWhy}，所有 ESRI 都会为 0；请换用更大的单位（如万元）`,
  );
}
