export * from './connection/open-database.js';
export * from './connection/pglite-lock.js';
export * from './repositories/bulk-insert.js';
export * from './repositories/dataset-repository.js';
export * from './repositories/output-repository.js';
export * from './repositories/reference-repository.js';
export * as schema from './schema/index.js';
