import type { Logger } from '../observability/logger.ts';
import type { Publisher } from './create-publisher.ts';
import { ChainConfigError } from './start-chain.ts';

/**
 * Refuses to start when Plaza's guardian is the publisher's own key: a stolen publisher key could
 * then publish a version paying itself and nobody could revoke it during the timelock. Allowed, with
 * a warning, on a local development chain only.
 */
export async function checkGuardian(
  publisher: Pick<Publisher, 'address' | 'guardian'>,
  options: { localDev: boolean; logger: Logger },
): Promise<void> {
  const guardian = await publisher.guardian();
  if (guardian.toLowerCase() !== publisher.address.toLowerCase()) return;
  const message = `Plaza's guardian ${guardian} is the publisher's key: nobody else could revoke a bad version.`;
  if (!options.localDev) {
    throw new ChainConfigError(
      `${message} Hand the guardian role to another key (transferGuardian, then acceptGuardian) or use another PLAZA_PUBLISHER_KEY.`,
    );
  }
  options.logger.warn(`${message} Allowed on a local development chain only.`);
}
