// @chainbrain/engine: pure computation over flat typed arrays (docs/engine.md).
export * from './esri/cascade.js';
export * from './esri/dense.js';
export * from './esri/esri.js';
export * from './esri/losses.js';
export * from './esri/pool.js';
export * from './esri/sweep-kernel/native.js';
export * from './indicators/firm.js';
export * from './indicators/product.js';
export * from './indicators/codes.js';
export * from './indicators/restricted.js';
export * from './indicators/rules.js';
export * from './network.js';
