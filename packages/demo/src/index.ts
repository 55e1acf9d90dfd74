export * from './calibration.js';
export * from './export-dataset.js';
export * from './generate-demo-dataset.js';
export * from './random.js';
export * from './scale-network.js';
export * from './restricted-origins.js';
