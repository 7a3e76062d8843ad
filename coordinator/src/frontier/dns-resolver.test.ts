import { describe, expect, it } from 'vitest';
import { createDnsResolver, dnsResolver, type LookupAll } from './dns-resolver.ts';

describe('createDnsResolver', () => {
  it('returns every address of the lookup, in its order', async () => {
    const lookup: LookupAll = async () => [
      { address: '2606:2800::1', family: 6 },
      { address: '93.184.215.14', family: 4 },
    ];
    const resolver = createDnsResolver({ lookup });
    expect(await resolver('example.com')).toEqual(['2606:2800::1', '93.184.215.14']);
  });

  it('asks for all answers, verbatim', async () => {
    const seen: unknown[] = [];
    const lookup: LookupAll = async (host, options) => {
      seen.push(host, options);
      return [{ address: '93.184.215.14', family: 4 }];
    };
    await createDnsResolver({ lookup })('example.com');
    expect(seen).toEqual(['example.com', { all: true, verbatim: true }]);
  });

  it('rejects with ETIMEOUT when the lookup hangs', async () => {
    const lookup: LookupAll = () => new Promise(() => {});
    const resolver = createDnsResolver({ lookup, timeoutMs: 20 });
    await expect(resolver('slow.example.com')).rejects.toMatchObject({ code: 'ETIMEOUT' });
  });

  it('passes lookup errors through', async () => {
    const lookup: LookupAll = async () => {
      throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(createDnsResolver({ lookup })('nx.example.com')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });

  it('resolves localhost through the system resolver to a loopback address', async () => {
    const addresses = await dnsResolver('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::1']).toContain(address);
  });
});
