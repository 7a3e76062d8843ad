import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { intString } from '../env-types.ts';

/** Configuration, Database: each variable with its type, default and docs (spread into `configSchema`). */
export const databaseConfig = {
  DATABASE_URL: documented(z.string().url().optional(), {
    section: 'database',
    description: 'PostgreSQL connection string; unset means embedded PGlite in `<data dir>/db`',
  }),
  PLAZA_DB_POOL: documented(intString(1, 100).default(10), {
    section: 'database',
    description: 'PostgreSQL connections per process',
  }),
  PLAZA_INGEST_THREADS: documented(intString(1, 64).optional(), {
    section: 'database',
    description: 'worker threads that prepare submitted batches (hashes, MinHash, quality)',
    shownDefault: 'one per core',
  }),
  PLAZA_JOB_RETENTION_HOURS: documented(intString(1, 8760).default(24), {
    section: 'database',
    description: 'how long expired, never submitted jobs and their leases are kept',
  }),
};
