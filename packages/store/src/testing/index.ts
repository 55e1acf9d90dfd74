export * from './backends.js';
export * from './tiny-dataset.js';
