// Every query on the responses table lives in this folder (one module per table, split by job);
// the rollup triggers of schema/migrations/0002_rollups.sql follow each of these writes.
export * from './customers'
export * from './import'
export * from './manage'
export * from './privacy'
export * from './read'
export * from './write'
