/** `IPlazaRegistry.VersionStatus` values, as viem returns them (numbers). */
export const versionStatus = { none: 0, pending: 1, active: 2, revoked: 3 } as const;

/**
 * `IPlazaLicenses.ProposalStatus` values (stored). `rejected`: a sweep proposal settled without
 * passing (a license that fails is `refunded`).
 */
export const proposalStatus = { none: 0, open: 1, approved: 2, refunded: 3, rejected: 4 } as const;

/**
 * `IPlazaLicenses.ProposalOutcome` values (derived from status, tallies and the clock). `pending`:
 * the voting delay runs, nobody can vote yet.
 */
export const proposalOutcome = {
  none: 0,
  voting: 1,
  passed: 2,
  failed: 3,
  approved: 4,
  refunded: 5,
  pending: 6,
  rejected: 7,
} as const;
