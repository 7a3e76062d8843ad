import { documented } from '../config-meta.ts';
import { booleanString, intString, numberString } from '../env-types.ts';

/** Configuration, Verification: each variable with its type, default and docs (spread into `configSchema`). */
export const verificationConfig = {
  PLAZA_VERIFY: documented(booleanString.default(true), {
    section: 'verification',
    description: 're-fetch a sample of contributions; keep reputations; quarantine cheaters',
  }),
  PLAZA_VERIFY_BATCH: documented(intString(1, 500).default(32), {
    section: 'verification',
    description: 'verification re-fetches per round at most',
  }),
  PLAZA_VERIFY_ALL_BELOW: documented(numberString(0, 1).default(0.97), {
    section: 'verification',
    description: 'every contribution of a device under this reputation is re-fetched',
  }),
  PLAZA_QUARANTINE_BELOW: documented(numberString(0, 1).default(0.93), {
    section: 'verification',
    description: 'devices under this reputation …',
  }),
  PLAZA_QUARANTINE_MIN_FAILED: documented(intString(1, 1000).default(3), {
    section: 'verification',
    description: '… with at least this many failed checks are quarantined',
  }),
};
