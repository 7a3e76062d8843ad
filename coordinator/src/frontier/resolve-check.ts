import { classifyAddress, formatIpv4, parseIpv4, parseIpv6 } from '@plaza/protocol';
import type { ResolveCache } from './resolve-cache.ts';

/** Resolves a host name to every address it has (A and AAAA). Rejects when it cannot. */
export type Resolver = (host: string) => Promise<string[]>;

/** Why {@link checkResolvedHost} refused a host. */
export type ResolveRefusal = 'HOST_RESOLVES_PRIVATE' | 'HOST_UNRESOLVABLE';

/** Answer of {@link checkResolvedHost}. */
export type CheckResolvedHostResult =
  | { ok: true; addresses: string[] }
  | {
      ok: false;
      code: ResolveRefusal;
      reason: string;
      /** `HOST_UNRESOLVABLE` may pass later (DNS failures are often transient); the other not. */
      retryable: boolean;
    };

/** At most this many answers are looked at; a host with more is refused as unresolvable. */
const MAX_ANSWERS = 64;

/**
 * Checks, on the coordinator, that a host resolves and that every address it resolves to is
 * public (`classifyAddress(…) === 'public'`). One private, loopback, link-local, CGNAT,
 * unique-local or otherwise non-public answer refuses the host (`HOST_RESOLVES_PRIVATE`): a name
 * that points inside a network is refused even if it also has public addresses. No answer, a
 * resolver error or a timeout gives `HOST_UNRESOLVABLE` (retryable). An IP literal is classified
 * without a lookup.
 *
 * Results go into `cache` when one is given and are read from it first. This check complements
 * the extension's `checkEgressUrl` but cannot stop DNS rebinding on the contributor's side (the
 * browser may get another answer later); that is why the extension refuses IP literals and
 * private-looking names itself.
 *
 * @example
 * ```ts
 * const cache = createResolveCache({ clock });
 * const result = await checkResolvedHost('example.com', dnsResolver, cache);
 * if (!result.ok) console.log(result.code, result.reason);
 * ```
 */
export async function checkResolvedHost(
  host: string,
  resolver: Resolver,
  cache?: ResolveCache,
): Promise<CheckResolvedHostResult> {
  const name = normalizeHost(host);
  const cached = cache?.get(name);
  if (cached) return cached;
  const result = await resolveAndCheck(name, resolver);
  cache?.set(name, result);
  return result;
}

async function resolveAndCheck(name: string, resolver: Resolver): Promise<CheckResolvedHostResult> {
  const literal = asIpLiteral(name);
  if (literal !== null) return judge(name, [literal]);
  let addresses: string[];
  try {
    addresses = await resolver(name);
  } catch (error) {
    const why = (error as { code?: unknown })?.code ?? (error as Error)?.message ?? String(error);
    return unresolvable(`Host ${name} did not resolve (${String(why)}).`);
  }
  if (addresses.length === 0) return unresolvable(`Host ${name} has no addresses.`);
  if (addresses.length > MAX_ANSWERS) {
    return unresolvable(`Host ${name} has ${addresses.length} addresses, over ${MAX_ANSWERS}.`);
  }
  return judge(name, addresses);
}

function judge(name: string, addresses: string[]): CheckResolvedHostResult {
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') {
      return {
        ok: false,
        code: 'HOST_RESOLVES_PRIVATE',
        reason: `Host ${name} resolves to ${address}, a ${kind} address.`,
        retryable: false,
      };
    }
  }
  return { ok: true, addresses: [...addresses] };
}

function unresolvable(reason: string): CheckResolvedHostResult {
  return { ok: false, code: 'HOST_UNRESOLVABLE', reason, retryable: true };
}

function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.') && name.length > 1) name = name.slice(0, -1);
  return name;
}

/** The address an IP-literal host stands for, in canonical text, or null for a name. */
function asIpLiteral(name: string): string | null {
  if (name.includes(':')) return parseIpv6(name) === null ? null : name;
  const ipv4 = parseIpv4(name);
  return ipv4 === null ? null : formatIpv4(ipv4);
}
