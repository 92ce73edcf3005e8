/**
 * Password hashing with scrypt (memory-hard, in Node's standard library). The stored form
 * names its parameters so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// N=2^15, r=8: 32 MiB per hash, ~50–100 ms on this class of machine (OWASP's minimum is N=2^17 at r=8 for
// dedicated servers; 2^15 keeps a 2-core town server responsive under a burst of logins).
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

/** Hashes a password: `scrypt$N$r$p$salt$key` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password of 16 characters without look-alike characters, for first logins. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The password policy, in Chinese; returns a message when the password is too weak. */
export function checkPasswordPolicy(password: string, login: string): string | undefined {
  if (password.length < 10) return '密码至少 10 个字符';
  if (password.length > 200) return '密码不超过 200 个字符';
  if (password.toLowerCase().includes(login.toLowerCase())) return '密码不得包含用户名';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return '密码须包含字母、数字、符号中的至少两类';
  return undefined;
}

/** The scrypt hasher the services use unless another (e.g. a counting one in tests) is given. */
export const scryptHasher = { hash: hashPassword, verify: verifyPassword };
