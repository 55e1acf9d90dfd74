// Run by dense-rows.test.ts with `node --import tsx`, the runtime of the command and the pool's
// workers, whose transpiler wraps nested functions in a naming helper that Vitest's does not: prints
// whether the row jobs were compiled as copies and whether a dense downstream step gave the rows' bits.
import { allocDense, bindRowJobs, DENSE_DOWN, rowJobsCompiled } from '../esri/dense-rows.js';
import { randomNetwork, rng } from './random.js';
import { plainDownstreamStep } from './row-values.js';

const net = randomNetwork({ n: 200, links: 2000, industries: 5, hubs: 3, seed: 3 });
const s = allocDense(net, 0, false);
const r = rng(5);
for (let i = 0; i < net.n; i++) {
  s.dmgSeen[i] = r() < 0.4 ? r() : 0;
  s.capD[i] = 1;
}
bindRowJobs(net, s)(DENSE_DOWN, 0, net.n);
const { values } = plainDownstreamStep(net, s);
const same = values.every((v, i) => v === s.newD[i]);
console.log(JSON.stringify({ compiled: rowJobsCompiled(), same }));
