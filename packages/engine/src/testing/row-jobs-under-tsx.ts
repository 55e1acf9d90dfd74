// Run by dense-rows.test.ts with `node --import tsx`, the runtime of the command and the pool's
// workers, whose transpiler wraps nested functions in a naming helper that Vitest's does not: prints
// whether the row jobs were compiled as copies and whether a dense downstream step gave the rows' bits.
import { allocDense, bindRowJobs, DENSE_DOWN, downstreamValue, rowJobsCompiled } from '../esri/dense-rows.js';
import { randomNetwork, rng } from './random.js';

const net = randomNetwork({ n: 200, links: 2000, industries: 5, hubs: 3, seed: 3 });
const s = allocDense(net, 0, false);
const r = rng(5);
for (let i = 0; i < net.n; i++) {
  s.dmgSeen[i] = r() < 0.4 ? r() : 0;
  s.capD[i] = 1;
}
bindRowJobs(net, s)(DENSE_DOWN, 0, net.n);
const sums = new Float64Array(net.dGroupPtr[net.n]!);
let same = true;
for (let i = 0; i < net.n; i++) {
  const { dInPtr, dInMid, dInSrc, dInInd, dInCoef, dGroupPtr } = net;
  const v = downstreamValue(
    i,
    s.dmgSeen,
    s.capD,
    dInPtr,
    dInMid,
    dInSrc,
    dInInd,
    dInCoef,
    sums,
    dGroupPtr[i]!,
  );
  if (v !== s.newD[i]) same = false;
}
console.log(JSON.stringify({ compiled: rowJobsCompiled(), same }));
