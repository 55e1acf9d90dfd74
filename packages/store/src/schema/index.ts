export * from './access.js';
export * from './chain-services.js';
export * from './firms.js';
export * from './reference.js';
export * from './rollups.js';
export * from './risks.js';
export * from './restricted-origins.js';
