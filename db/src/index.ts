export {
  type CreateDbOptions,
  createDb,
  type Db,
  type PlazaDatabase,
  type PlazaTransaction,
  type PlazaTx,
} from './client.ts';
export { migrate, migrationsFolder } from './migrate.ts';
export type { PgliteQueryable, PgliteThread } from './pglite/pglite-thread.ts';
export * from './schema/index.ts';
export { INT8_OID, parseInt8 } from './value-types.ts';
