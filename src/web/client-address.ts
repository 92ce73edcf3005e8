/**
 * The visitor's address, for everything that keys on it (rate limits; audit or subscriptions if they
 * ever record one). Behind nginx or a WAF the socket peer is the proxy, so every visitor would share
 * one address; `X-Forwarded-For` is believed only when the peer is one of GONGKAI_TRUSTED_PROXIES,
 * and then the right-most address that is not itself a trusted proxy is the client (anything to its
 * left was written by the client and can be forged).
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './context.ts';
import { proxyMatcher } from './trusted-proxies.ts';

/** An address as written in a socket or a forwarding header, reduced to the bare IP (IPv4-mapped IPv6 as IPv4); undefined if it is none. */
export function normaliseAddress(text: string): string | undefined {
  let a = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) === 0 ? undefined : a.toLowerCase();
}

/**
 * The client address from a socket peer and the `X-Forwarded-For` value(s): the peer itself unless it
 * is trusted; otherwise, walking the forwarded chain from the right, the first address that is not a
 * trusted proxy (or the left-most one if every hop is trusted).
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, isTrusted: (address: string) => boolean): string {
  let client = normaliseAddress(peer) ?? peer;
  if (!isTrusted(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]!);
    // A trusted proxy writes real addresses: garbage is the client's own text, so the last good hop stands.
    if (hop === undefined) return client;
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}

const matchers = new WeakMap<readonly string[], (address: string) => boolean>();

/** The one place that says who the visitor is: the socket peer, or the forwarded client behind a trusted proxy. */
export function clientAddress(c: Context<AppEnv>): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // In-process requests (tests) carry no socket.
  }
  if (!peer) return 'local';
  const cidrs = c.get('webConfig')?.trustedProxies ?? [];
  let isTrusted = matchers.get(cidrs);
  if (!isTrusted) {
    isTrusted = proxyMatcher(cidrs);
    matchers.set(cidrs, isTrusted);
  }
  const forwarded = c.req.raw.headers.get('x-forwarded-for') ?? undefined;
  return resolveClientAddress(peer, forwarded, isTrusted);
}
