import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBlockReason, isIpLiteral } from './address.ts';

const cases: { input: string; want: string | null }[] = [
  { input: '93.184.216.34', want: null },
  { input: '8.8.8.8', want: null },
  { input: '2606:4700:4700::1111', want: null },
  { input: '127.0.0.1', want: 'loopback' },
  { input: '127.255.0.9', want: 'loopback' },
  { input: '10.1.2.3', want: 'private' },
  { input: '172.16.0.1', want: 'private' },
  { input: '172.31.255.255', want: 'private' },
  { input: '172.32.0.1', want: null },
  { input: '192.168.1.1', want: 'private' },
  { input: '169.254.169.254', want: 'link-local' },
  { input: '100.64.0.1', want: 'carrier-grade NAT' },
  { input: '100.128.0.1', want: null },
  { input: '0.0.0.0', want: 'unspecified ("this network")' },
  { input: '224.0.0.1', want: 'multicast' },
  { input: '255.255.255.255', want: 'broadcast' },
  { input: '::', want: 'unspecified' },
  { input: '::1', want: 'loopback' },
  { input: '[::1]', want: 'loopback' },
  { input: 'fe80::1%eth0', want: 'link-local' },
  { input: 'fd12:3456::1', want: 'unique local (ULA)' },
  { input: 'fc00::1', want: 'unique local (ULA)' },
  { input: 'ff02::1', want: 'multicast' },
  { input: '::ffff:127.0.0.1', want: 'loopback' },
  { input: '::ffff:7f00:1', want: 'loopback' },
  { input: '::ffff:8.8.8.8', want: null },
  { input: '64:ff9b::a9fe:a9fe', want: 'link-local' },
  { input: '2002:c0a8:0101::1', want: 'private' },
  { input: '2001:db8::1', want: 'documentation' },
  { input: 'example.com', want: 'not an IP address' },
];

for (const c of cases) {
  test(`addressBlockReason(${c.input})`, () => {
    assert.equal(addressBlockReason(c.input), c.want);
  });
}

test('isIpLiteral', () => {
  assert.equal(isIpLiteral('[::1]'), true);
  assert.equal(isIpLiteral('127.0.0.1'), true);
  assert.equal(isIpLiteral('localhost'), false);
});
