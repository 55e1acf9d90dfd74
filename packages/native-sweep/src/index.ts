// @chainbrain/native-sweep: the optional native lane sweep of firm-level ESRI (ADR 0023). The engine
// stays TypeScript and WebAssembly; a caller that builds this passes its path to the engine's pool.
export {
  buildNativeSweep,
  type NativeSweepBuild,
  type NativeSweepOptions,
  SWEEP_FLAGS,
  SWEEP_SOURCES,
} from './build.js';
