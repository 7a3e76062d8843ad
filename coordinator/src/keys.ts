import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { z } from 'zod';

const keysFileSchema = z.object({
  adminKey: z.string().min(24),
  coordinatorKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
});

/** The secrets a coordinator needs; never shipped to browsers, never committed. */
export interface CoordinatorKeys {
  adminKey: string;
  coordinatorKey: `0x${string}`;
  /** Where they were read from or written to, or null when both came from the environment. */
  file: string | null;
}

/**
 * Keys from the environment when given; otherwise from `<dataDir>/keys.json`, created (mode 0600)
 * on first start. Several coordinator processes must share one coordinator key: pass it by env.
 */
export function loadOrCreateKeys(params: {
  dataDir: string;
  adminKey?: string | undefined;
  coordinatorKey?: `0x${string}` | undefined;
}): CoordinatorKeys {
  if (params.adminKey && params.coordinatorKey) {
    return { adminKey: params.adminKey, coordinatorKey: params.coordinatorKey, file: null };
  }
  const file = join(params.dataDir, 'keys.json');
  let stored: z.output<typeof keysFileSchema>;
  if (existsSync(file)) {
    const parsed = keysFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`The key file ${file} is malformed; fix or remove it.`);
    stored = parsed.data;
  } else {
    mkdirSync(params.dataDir, { recursive: true });
    stored = {
      adminKey: randomBytes(24).toString('base64url'),
      coordinatorKey: generatePrivateKey(),
    };
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    adminKey: params.adminKey ?? stored.adminKey,
    coordinatorKey: params.coordinatorKey ?? (stored.coordinatorKey as `0x${string}`),
    file,
  };
}
