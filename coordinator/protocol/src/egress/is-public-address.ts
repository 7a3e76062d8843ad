import { classifyAddress } from './classify-address.ts';

/**
 * Whether an IP address (as a resolver answers it) is a public unicast destination the egress
 * policy may reach. Private, loopback, link-local, CGNAT, unique-local, multicast, reserved,
 * documentation and unparsable input are all `false`: the check fails closed.
 *
 * @example
 * ```ts
 * isPublicAddress('93.184.215.14'); // true
 * isPublicAddress('192.168.1.1'); // false
 * isPublicAddress('::ffff:127.0.0.1'); // false
 * ```
 */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}
