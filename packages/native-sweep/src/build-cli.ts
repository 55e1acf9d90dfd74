// `npm run build -w @chainbrain/native-sweep`: builds this machine's native sweep now (the esri command
// would at its first run) and says where it is or why there is none. Exits 0 either way: the native
// sweep is optional.
import { buildNativeSweep } from './build.js';

const started = performance.now();
const build = buildNativeSweep();
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  build.available
    ? `native sweep ${build.built ? 'built' : 'already built'} in ${seconds} s: ${build.path} (${build.vectorBits}-bit vectors)`
    : `no native sweep: ${build.reason}; firm-level ESRI sweeps in WebAssembly`,
);
