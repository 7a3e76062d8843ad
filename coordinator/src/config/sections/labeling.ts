import { documented } from '../config-meta.ts';
import { booleanString, intString, numberString } from '../env-types.ts';

/** Configuration, Labeling and Pre-labeling: each variable with its type, default and docs (spread into `configSchema`). */
export const labelingConfig = {
  // Labeling
  PLAZA_AGGREGATE_SECONDS: documented(intString(1, 86_400).default(10), {
    section: 'labeling',
    description: 'how often changed labels are re-aggregated in the background',
  }),

  // Pre-labeling
  PLAZA_PRELABEL: documented(booleanString.default(true), {
    section: 'prelabel',
    description: 'train campaign models from aggregated labels in the background',
  }),
  PLAZA_PRELABEL_MIN_LABELS: documented(intString(10, 1_000_000).default(50), {
    section: 'prelabel',
    description: 'aggregated labels a campaign needs before its first model',
  }),
  PLAZA_PRELABEL_RETRAIN_GROWTH: documented(numberString(0, 100).default(0.2), {
    section: 'prelabel',
    description: 'retrain when the aggregated labels grew by this share since the last run',
  }),
  PLAZA_PRELABEL_TRAIN_SECONDS: documented(intString(1, 86_400).default(30), {
    section: 'prelabel',
    description: 'how often the training loop looks at the campaigns',
  }),
  PLAZA_PRELABEL_LEASE_SECONDS: documented(intString(10, 3600).default(300), {
    section: 'prelabel',
    description: 'time a device has to submit a pre-label lease',
  }),
  PLAZA_PRELABEL_CHECK_RATE: documented(numberString(0, 1).default(0.1), {
    section: 'prelabel',
    description: 'share of each pre-label batch the coordinator recomputes',
  }),
  PLAZA_PRELABEL_MIN_CHECKED: documented(intString(1, 256).default(4), {
    section: 'prelabel',
    description: 'items of each batch recomputed at least',
  }),
  PLAZA_PRELABEL_CHECK_ALL_BELOW: documented(numberString(0, 1).default(0.9), {
    section: 'prelabel',
    description: 'every item of a device under this reputation is recomputed',
  }),
  PLAZA_PRELABEL_TOLERANCE: documented(numberString(0, 1).default(0.001), {
    section: 'prelabel',
    description: 'largest probability difference a recomputed item may show',
  }),
};
