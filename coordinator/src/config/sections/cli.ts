import { z } from 'zod';
import { documented } from '../config-meta.ts';

/** Configuration, The plaza CLI: each variable with its type, default and docs (spread into `configSchema`). */
export const cliConfig = {
  PLAZA_URL: documented(z.string().url().optional(), {
    section: 'cli',
    description: 'coordinator the CLI talks to',
    shownDefault: '`http://<PLAZA_HOST>:<PLAZA_PORT>`',
  }),
  PLAZA_ENV_FILE: documented(z.string().optional(), {
    section: 'cli',
    description: 'environment file read at start (variables already set win)',
    shownDefault: '`.env`',
  }),
};
