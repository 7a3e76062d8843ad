import { loadConfig } from '../config.ts';
import { readAdminKey } from '../keys.ts';

/** Where a CLI command reaches the coordinator, and the admin key it uses. */
export interface AdminConnection {
  baseUrl: string;
  adminKey: string;
}

/**
 * The running coordinator's URL (`--url`, else `PLAZA_URL`, else the configured listen address)
 * and the admin key (`PLAZA_ADMIN_KEY`, else `<PLAZA_DATA_DIR>/keys.json`).
 */
export function adminConnection(url: string | undefined, env: NodeJS.ProcessEnv): AdminConnection {
  const config = loadConfig(env);
  return {
    baseUrl: (url ?? env.PLAZA_URL ?? `http://${config.PLAZA_HOST}:${config.PLAZA_PORT}`).replace(
      /\/+$/,
      '',
    ),
    adminKey: readAdminKey({ dataDir: config.PLAZA_DATA_DIR, adminKey: config.PLAZA_ADMIN_KEY }),
  };
}
