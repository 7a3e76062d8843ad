import type { Role } from '@plaza/protocol';
import type { Config } from '../config.ts';

/** What an account may do: everyone labels; reviewers and admins come from the config. */
export function rolesOf(
  config: Pick<Config, 'PLAZA_ADMIN_ADDRESSES' | 'PLAZA_REVIEWER_ADDRESSES'>,
  address: string,
): Role[] {
  const account = address.toLowerCase();
  const roles: Role[] = ['labeler'];
  const isAdmin = config.PLAZA_ADMIN_ADDRESSES.includes(account);
  if (isAdmin || config.PLAZA_REVIEWER_ADDRESSES.includes(account)) roles.push('reviewer');
  if (isAdmin) roles.push('admin');
  return roles;
}
