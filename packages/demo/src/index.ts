export * from './calibration.js';
export * from './generate-demo-dataset.js';
export * from './random.js';
