import { CoordinatorError, deviceQuarantineSchema } from '@plaza/protocol';

/**
 * The coordinator's reason for quarantining this device, as the popup shows it (`CODE: sentence`),
 * from a `DEVICE_QUARANTINED` error; null for any other error.
 *
 * @example
 * quarantineDetail(error); // 'VERIFICATION_FAILED: Pages the coordinator re-fetched … (3 of 20 checks failed; reputation 0.82).'
 */
export function quarantineDetail(error: unknown): string | null {
  if (!(error instanceof CoordinatorError) || error.code !== 'DEVICE_QUARANTINED') return null;
  const parsed = deviceQuarantineSchema.safeParse(error.details);
  const detail = parsed.success ? `${parsed.data.reason}: ${parsed.data.message}` : error.message;
  return detail.slice(0, 500);
}
