export * from './build-server.js';
export * from './context.js';
