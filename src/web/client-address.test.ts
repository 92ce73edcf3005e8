import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import type { AppEnv, WebConfig } from './context.ts';
import { clientAddress } from './client-address.ts';
import { parseCidr } from './trusted-proxies.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { loadConfig, ConfigError } from '../config.ts';

const TRUSTED = ['127.0.0.1/32', '::1/128', '10.0.0.0/8', 'fd00::/8'];

function appWith(trustedProxies: string[]) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('webConfig', { secureCookies: false, sessionHours: 1, publicUrl: undefined, trustedProxies } satisfies WebConfig);
    await next();
  });
  app.use('/limited', rateLimit({ limit: 1, windowMs: 60_000 }));
  app.get('/who', (c) => c.text(clientAddress(c)));
  app.post('/limited', (c) => c.text('ok'));
  /** A request as @hono/node-server hands it over: from a socket peer, with headers. */
  const from = (peer: string, headers: Record<string, string> = {}, path = '/who', method = 'GET') =>
    app.request(`http://localhost${path}`, { method, headers }, { incoming: { socket: { remoteAddress: peer, remotePort: 40000, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' } } });
  return { who: async (peer: string, headers: Record<string, string> = {}) => (await from(peer, headers)).text(), from };
}

test('client address: X-Forwarded-For is believed only from a trusted proxy, right-most untrusted hop wins', async () => {
  const { who } = appWith(TRUSTED);
  assert.equal(await who('203.0.113.9', { 'x-forwarded-for': '198.51.100.1' }), '203.0.113.9', 'untrusted peer: its own address, XFF ignored');
  assert.equal(await who('::ffff:203.0.113.9'), '203.0.113.9', 'IPv4-mapped peer as IPv4');
  assert.equal(await who('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }), '198.51.100.1', 'trusted peer: the forwarded client');
  assert.equal(await who('::1', { 'x-forwarded-for': '2001:db8::7' }), '2001:db8::7', 'IPv6 proxy and client');
  assert.equal(await who('10.1.2.3', { 'x-forwarded-for': '6.6.6.6, 198.51.100.1, 10.9.9.9' }), '198.51.100.1', 'spoofed left part and an inner trusted hop: the right-most untrusted');
  assert.equal(await who('10.1.2.3', { 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }), '2.2.2.2', 'a client cannot choose its bucket by prepending');
  assert.equal(await who('10.1.2.3', { 'x-forwarded-for': 'not-an-ip, 10.9.9.9' }), '10.9.9.9', 'garbage ends the walk at the last good hop');
  assert.equal(await who('10.1.2.3', { 'x-forwarded-for': '10.7.7.7, 10.8.8.8' }), '10.7.7.7', 'every hop trusted: the left-most');
  assert.equal(await who('10.1.2.3', { 'x-forwarded-for': '[2001:db8::1]:5555' }), '2001:db8::1', 'a port is dropped');
  assert.equal(await who('10.1.2.3'), '10.1.2.3', 'trusted peer without XFF: the peer');
  const none = appWith([]);
  assert.equal(await none.who('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }), '127.0.0.1', 'no trusted proxies configured: XFF is never believed');
});

test('rate limits count visitors behind a trusted proxy separately, and a spoofed XFF from outside shares the socket bucket', async () => {
  const { from } = appWith(TRUSTED);
  const post = (peer: string, xff?: string) => from(peer, xff ? { 'x-forwarded-for': xff } : {}, '/limited', 'POST');
  assert.equal((await post('127.0.0.1', '198.51.100.1')).status, 200);
  assert.equal((await post('127.0.0.1', '198.51.100.2')).status, 200, 'another visitor behind the same proxy has its own bucket');
  assert.notEqual((await post('127.0.0.1', '198.51.100.1')).status, 200, 'the first visitor is limited');
  assert.equal((await post('203.0.113.9', '1.1.1.1')).status, 200);
  assert.notEqual((await post('203.0.113.9', '2.2.2.2')).status, 200, 'changing XFF from an untrusted peer does not give a fresh bucket');
});

test('GONGKAI_TRUSTED_PROXIES: comma-separated IPv4/IPv6 CIDRs; a bad entry is a Chinese configuration error', () => {
  assert.deepEqual(loadConfig({ GONGKAI_TRUSTED_PROXIES: '127.0.0.1/32, ::1/128,10.0.0.0/8' }).trustedProxies, ['127.0.0.1/32', '::1/128', '10.0.0.0/8']);
  assert.deepEqual(loadConfig({}).trustedProxies, []);
  assert.throws(() => loadConfig({ GONGKAI_TRUSTED_PROXIES: '127.0.0.1/33,nginx' }), (e: unknown) => e instanceof ConfigError && /GONGKAI_TRUSTED_PROXIES[\s\S]*127\.0\.0\.1\/33[\s\S]*nginx/.test(e.message));
  assert.equal(parseCidr('::1/129'), undefined);
  assert.deepEqual(parseCidr('192.168.1.0/24'), { address: '192.168.1.0', prefix: 24, family: 'ipv4' });
});
