export * from './datasets/load-dataset.js';
export * from './errors.js';
export * from './overview/get-plan-overview.js';
export * from './plans/load-plan.js';
