import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { numberString } from '../env-types.ts';

/** Configuration, Datasets and storage: each variable with its type, default and docs (spread into `configSchema`). */
export const datasetsConfig = {
  PLAZA_EXPORTS_DIR: documented(z.string().default(''), {
    section: 'datasets',
    description: 'where frozen versions are written',
    shownDefault: '`<data dir>/exports`',
  }),
  PLAZA_FREEZE_MIN_LABELLED: documented(numberString(0, 1).default(0.8), {
    section: 'datasets',
    description:
      'share of rows that must have a label before `plaza freeze` publishes a version (`--force` overrides)',
  }),
  PLAZA_S3_ENDPOINT: documented(z.string().url().optional(), {
    section: 'datasets',
    description: 'S3-compatible store (AWS, MinIO, R2 …) versions are also copied to',
  }),
  PLAZA_S3_BUCKET: documented(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
      .optional(),
    { section: 'datasets', description: 'its bucket (path-style addressing)' },
  ),
  PLAZA_S3_REGION: documented(z.string().min(1).default('us-east-1'), {
    section: 'datasets',
    description: "the bucket's region, for Signature Version 4",
  }),
  PLAZA_S3_PREFIX: documented(z.string().max(200).default(''), {
    section: 'datasets',
    description: 'key prefix of the versions in the bucket, e.g. `plaza/`',
  }),
  PLAZA_S3_ACCESS_KEY_ID: documented(z.string().min(1).optional(), {
    section: 'datasets',
    description: 'key pair of the store (required with `PLAZA_S3_ENDPOINT`) …',
  }),
  PLAZA_S3_SECRET_ACCESS_KEY: documented(z.string().min(1).optional(), {
    section: 'datasets',
    description: '… never shipped to browsers: buyers get presigned links',
  }),
};
