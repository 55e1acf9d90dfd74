export * from './contracts/errors.js';
export * from './contracts/overview.js';
export * from './month.js';
export * from './plan/load-plan-pack.js';
export * from './plan/plan-pack.schema.js';
export * from './reference/countries.js';
export * from './reference/hs-codes.js';
export * from './reference/regions.js';
