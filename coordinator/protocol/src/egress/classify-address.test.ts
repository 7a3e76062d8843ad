import { describe, expect, it } from 'vitest';
import { type AddressClass, classifyAddress, classifyIpv6 } from './classify-address.ts';
import { isPublicAddress } from './is-public-address.ts';

describe('classifyAddress: IPv4', () => {
  it.each<[string, AddressClass]>([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['1.0.0.0', 'public'],
    ['1.1.1.1', 'public'],
    ['8.8.8.8', 'public'],
    ['9.255.255.255', 'public'],
    ['10.0.0.0', 'private'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['11.0.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'cgnat'],
    ['100.100.100.200', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['127.0.0.0', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.0.0.53', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['128.0.0.0', 'public'],
    ['169.253.255.255', 'public'],
    ['169.254.0.0', 'link-local'],
    ['169.254.169.254', 'link-local'],
    ['169.254.255.255', 'link-local'],
    ['169.255.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private'],
    ['172.20.10.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.0.0.0', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['192.0.0.255', 'reserved'],
    ['192.0.1.0', 'public'],
    ['192.0.2.0', 'documentation'],
    ['192.0.2.255', 'documentation'],
    ['192.0.3.0', 'public'],
    ['192.88.99.1', 'reserved'],
    ['192.167.255.255', 'public'],
    ['192.168.0.0', 'private'],
    ['192.168.1.1', 'private'],
    ['192.168.255.255', 'private'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.20.0.0', 'public'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['203.0.114.0', 'public'],
    ['223.255.255.255', 'public'],
    ['224.0.0.0', 'multicast'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.0', 'reserved'],
    ['250.1.2.3', 'reserved'],
    ['255.255.255.254', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['93.184.215.14', 'public'],
    ['142.250.74.46', 'public'],
    [' 8.8.4.4 ', 'public'],
  ])('%s → %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
    expect(isPublicAddress(ip)).toBe(kind === 'public');
  });
});

describe('classifyAddress: IPv6', () => {
  it.each<[string, AddressClass]>([
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::2', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:7F00:0001', 'loopback'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:100.64.0.1', 'cgnat'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0808:0808', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:8.8.8.8', 'public'],
    ['::127.0.0.1', 'reserved'],
    ['::8.8.8.8', 'reserved'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::10.0.0.1', 'private'],
    ['64:ff9b:1::8.8.8.8', 'private'],
    ['64:ff9b:2::1', 'reserved'],
    ['100::1', 'reserved'],
    ['100::ffff:ffff:ffff:ffff', 'reserved'],
    ['2001::5ef5:79fd:0:0:8000:0001', 'loopback'], // Teredo client ~0x80000001 = 127.255.255.254
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'documentation'], // RFC 4380: client 192.0.2.45
    ['2001:0:c0a8:0101::', 'private'], // Teredo server 192.168.1.1
    ['2001:0:0808:0808:0:0:80ff:fffe', 'loopback'], // client ~0x80fffffe = 127.0.0.1
    ['2001:0:0808:0808:0:0:f5ff:fffe', 'private'], // client 10.0.0.1
    ['2001:0:0808:0808:0:0:f7f7:f7f7', 'public'], // client 8.8.8.8
    ['2001:db8::', 'documentation'],
    ['2001:db8:85a3::8a2e:370:7334', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001:2:0:ffff::1', 'benchmarking'],
    ['2001:10::1', 'reserved'],
    ['2001:20::1', 'reserved'],
    ['2001:1ff::1', 'reserved'],
    ['2001:200::1', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['2002:7f00:1::1', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['3fff::1', 'documentation'],
    ['3fff:fff::1', 'documentation'],
    ['3fff:1000::1', 'public'],
    ['3ffe::1', 'public'],
    ['4000::1', 'reserved'],
    ['5f00::1', 'reserved'],
    ['fc00::1', 'unique-local'],
    ['fd00::1', 'unique-local'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'unique-local'],
    ['fe7f::1', 'reserved'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['[fe80::1%25en0]', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff00::1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast'],
  ])('%s → %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
    expect(isPublicAddress(ip)).toBe(kind === 'public');
  });
});

describe('classifyAddress: not an address', () => {
  it.each([
    '',
    ' ',
    'localhost',
    'example.com',
    '127.1',
    '2130706433',
    '0x7f.0.0.1',
    '010.0.0.1',
    '127.0.0.01',
    '127.0.0.1.',
    '1.2.3.4.5',
    '256.0.0.1',
    '1.2.3',
    '-1.2.3.4',
    '1.2.3.4/24',
    ':::1',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::',
    'g::1',
    '::ffff:127.1',
    '::ffff:1.2.3.4.5',
    '1.2.3.4::',
    'fe80::1%',
    '[::1',
    '::1]',
    '1:2:3:4:5:6:7',
  ])('%j → invalid, not public', (ip) => {
    expect(classifyAddress(ip)).toBe('invalid');
    expect(isPublicAddress(ip)).toBe(false);
  });
});

describe('classifyIpv6', () => {
  it('refuses a wrong group count', () => {
    expect(classifyIpv6([0, 0, 1])).toBe('invalid');
  });
  it('reads groups as 16-bit values', () => {
    expect(classifyIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 1])).toBe('link-local');
  });
});
