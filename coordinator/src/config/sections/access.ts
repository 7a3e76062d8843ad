import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { addressList, intString, privateKeySchema } from '../env-types.ts';

/** Configuration, Keys and access: each variable with its type, default and docs (spread into `configSchema`). */
export const accessConfig = {
  PLAZA_ADMIN_KEY: documented(z.string().min(24).optional(), {
    section: 'access',
    description: 'bearer key for admin routes and the CLI (at least 24 characters)',
    shownDefault: 'generated into `keys.json`',
  }),
  PLAZA_COORDINATOR_KEY: documented(privateKeySchema.optional(), {
    section: 'access',
    description: 'receipt-signing private key; share it between processes on one database',
    shownDefault: 'generated into `keys.json`',
  }),
  PLAZA_ADMIN_ADDRESSES: documented(addressList, {
    section: 'access',
    description: 'wallet addresses (comma-separated) whose sessions are admins',
    shownDefault: '',
  }),
  PLAZA_REVIEWER_ADDRESSES: documented(addressList, {
    section: 'access',
    description: 'wallet addresses whose sessions may resolve items in review (admins may too)',
    shownDefault: '',
  }),
  PLAZA_SESSION_TTL_SECONDS: documented(intString(60, 30 * 86_400).default(86_400), {
    section: 'access',
    description: 'lifetime of a Sign-In with Ethereum session',
  }),
};
