import { CoordinatorError } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { quarantineDetail } from './quarantine-detail.ts';
import { describeStatus } from './worker-status.ts';

describe('quarantineDetail', () => {
  it("shows the coordinator's reason code and sentence, and ignores other errors", () => {
    const error = new CoordinatorError(
      'DEVICE_QUARANTINED',
      'Device 0xabc is quarantined.',
      403,
      false,
      {
        reason: 'VERIFICATION_FAILED',
        message: 'Pages did not match (3 of 20 checks failed; reputation 0.82).',
        at: '2026-03-01T12:00:00.000Z',
        reputation: 0.82,
        confirmedChecks: 17,
        failedChecks: 3,
      },
    );
    const detail = quarantineDetail(error);
    expect(detail).toBe(
      'VERIFICATION_FAILED: Pages did not match (3 of 20 checks failed; reputation 0.82).',
    );
    expect(
      describeStatus({ state: 'idle', reason: 'quarantined', detail: detail!, at: 1 }),
    ).toMatch(
      /^The coordinator quarantined this device.*\(VERIFICATION_FAILED: Pages did not match/,
    );
    // An older coordinator sends no details: its message is shown.
    expect(
      quarantineDetail(
        new CoordinatorError('DEVICE_QUARANTINED', 'Device 0xabc is quarantined.', 403, false),
      ),
    ).toBe('Device 0xabc is quarantined.');
    expect(quarantineDetail(new CoordinatorError('UNAUTHORIZED', 'no', 401, false))).toBeNull();
    expect(quarantineDetail(new Error('DEVICE_QUARANTINED'))).toBeNull();
  });
});
