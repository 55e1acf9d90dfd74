export * from './backends.js';
export * from './tiny-dataset.js';
export * from './tiny-risk-cases.js';
