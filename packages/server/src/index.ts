export * from './build-server.js';
export * from './context.js';
export * from './case-deadlines.js';
