import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { intString, originSchema } from '../env-types.ts';

/** Configuration, Server: each variable with its type, default and docs (spread into `configSchema`). */
export const serverConfig = {
  PLAZA_HOST: documented(z.string().default('127.0.0.1'), {
    section: 'server',
    description: 'interface to listen on',
  }),
  PLAZA_PORT: documented(intString(0, 65535).default(8787), {
    section: 'server',
    description: 'port to listen on (0 picks a free one)',
  }),
  PLAZA_PUBLIC_URL: documented(originSchema.optional(), {
    section: 'server',
    description:
      'origin people reach Plaza at, e.g. `https://plaza.example.org`; Sign-In with Ethereum messages must name its host and a URI on it (set it behind a proxy or on 0.0.0.0)',
    shownDefault: 'the listen address',
  }),
  PLAZA_DATA_DIR: documented(z.string().min(1).default('./.plaza'), {
    section: 'server',
    description: 'where PGlite, `keys.json`, the local chain and exports live',
  }),
  PLAZA_UI_DIR: documented(z.string().default(''), {
    section: 'server',
    description: 'built web app to serve at `/` (`pnpm start` sets `labeling-ui/dist`)',
  }),
  PLAZA_MAX_BODY_BYTES: documented(intString(1024, 64 * 1024 * 1024).default(8 * 1024 * 1024), {
    section: 'server',
    description: 'largest request body (413 above)',
  }),
};
