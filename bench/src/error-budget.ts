import { allFirms, firmEsri } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork } from './generate.js';

const n = 100000,
  links = 1000000,
  sample = Number(process.argv[2] ?? 200);
const g = generateNetwork({ firms: n, links, industries: 200 });
const net = buildGeneratedNetwork(g);
const firms = allFirms(n).subarray(0, sample);
let ref: Float64Array | undefined;
for (const budget of (process.argv[3] ?? '0,1e-10').split(',').map(Number)) {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r = firmEsri(net, { firms, eps: 1e-2, substitution: true, errorBudget: budget });
  const dt = performance.now() - t;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (!ref) ref = r.esri;
  let md = 0;
  for (let i = 0; i < sample; i++) md = Math.max(md, Math.abs(r.esri[i]! - ref[i]!));
  console.log(
    'budget',
    budget,
    (dt / sample).toFixed(3),
    'ms/firm wall,',
    (cpuMs / sample).toFixed(3),
    'ms/firm CPU; max diff to the first budget',
    md,
  );
}
