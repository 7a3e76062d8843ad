import { join } from 'node:path';
import type { Config } from '../config.ts';

/** Where frozen versions are written: PLAZA_EXPORTS_DIR, else `<data dir>/exports`. */
export function exportsDirOf(config: Pick<Config, 'PLAZA_EXPORTS_DIR' | 'PLAZA_DATA_DIR'>): string {
  return config.PLAZA_EXPORTS_DIR || join(config.PLAZA_DATA_DIR, 'exports');
}
