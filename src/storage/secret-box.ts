/**
 * Encryption at rest of the channel accounts' secrets (SMTP passwords, AppSecrets, AccessKey
 * secrets, tokens): AES-256-GCM with a fresh 96-bit IV per write and the row's identity as
 * additional data, so a ciphertext copied onto another agency's or channel's row does not open.
 * The key comes from GONGKAI_SECRET_KEY or, when that is unset, from a machine key file that is
 * generated once in the data directory (mode 0600) the first time a secret is written or read.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IntegrityKey, IntegrityPurpose } from '../services/ports.ts';

const ALGORITHM = 'aes-256-gcm';
/** The envelope's marker: `{"v":1,"alg":"A256GCM","iv":…,"tag":…,"data":…}` (base64 fields). */
const ALG = 'A256GCM';

export interface SecretBox {
  /** Encrypts a text bound to a context (e.g. `channel_settings:12:sms`); returns the JSON envelope. */
  seal(plaintext: string, context: string): string;
  /** Decrypts an envelope sealed with the same key and context; throws `SecretKeyMismatchError` otherwise. */
  open(envelope: string, context: string): string;
}

/** The stored secrets cannot be decrypted with this key (GONGKAI_SECRET_KEY or the key file changed). */
export class SecretKeyMismatchError extends Error {
  constructor() {
    super('已保存的密钥无法解密：加密密钥（GONGKAI_SECRET_KEY 或数据目录中的 secret.key）与保存时不同');
    this.name = 'SecretKeyMismatchError';
  }
}

interface Envelope {
  v: 1;
  alg: typeof ALG;
  iv: string;
  tag: string;
  data: string;
}

/** Whether a parsed JSON value is an encrypted envelope (anything else in a secrets column is legacy plaintext). */
export function isSealed(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return e.v === 1 && e.alg === ALG && typeof e.iv === 'string' && typeof e.tag === 'string' && typeof e.data === 'string';
}

/** Parses a 32-byte key written as 64 hexadecimal digits or as base64; undefined when it is neither. */
export function parseSecretKey(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

/**
 * The machine key in `file`: read if it exists, otherwise created (32 random bytes, hex, mode
 * 0600; `onCreate` is told). Two processes starting together agree: the loser of the atomic
 * link reads the winner's complete file.
 */
export function machineSecretKey(file: string, onCreate?: (file: string) => void): Uint8Array {
  const read = (): Uint8Array => {
    const key = parseSecretKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`密钥文件 ${file} 的内容无效（应为 64 位十六进制数）`);
    return key;
  };
  try {
    return read();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written in full under a private name, then linked into place: link() fails if the file exists,
  // and a reader never sees the key file half written.
  const key = randomBytes(32).toString('hex') + '\n';
  const draft = `${file}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, key, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
    onCreate?.(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      // A file system without hard links (some network or FAT volumes): an exclusive create instead.
      try {
        writeFileSync(file, key, { flag: 'wx', mode: 0o600 });
        onCreate?.(file);
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
      }
    } else if (code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(draft);
  }
  return read();
}

/** Creates a secret box over a key, or over a function that supplies it when first needed. */
export function createSecretBox(key: Uint8Array | (() => Uint8Array)): SecretBox {
  let cached: Uint8Array | undefined = typeof key === 'function' ? undefined : key;
  const keyOf = (): Uint8Array => {
    cached ??= (key as () => Uint8Array)();
    if (cached.length !== 32) throw new Error('加密密钥须为 32 字节');
    return cached;
  };
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, keyOf(), iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const envelope: Envelope = { v: 1, alg: ALG, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
      return JSON.stringify(envelope);
    },
    open(text, context) {
      const envelope: unknown = JSON.parse(text);
      if (!isSealed(envelope)) throw new Error('不是加密的密钥数据');
      const k = keyOf();
      try {
        const decipher = createDecipheriv(ALGORITHM, k, Buffer.from(envelope.iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyMismatchError();
      }
    },
  };
}

/**
 * Keyed MACs (HMAC-SHA256) for backups and audit anchors. Each purpose gets its own subkey, derived
 * with HKDF-SHA256 from the secret key, so a MAC made for one purpose is worthless for another and
 * the encryption key itself is never used as a MAC key.
 */
export function createIntegrityKey(key: Uint8Array | (() => Uint8Array)): IntegrityKey {
  let master: Uint8Array | undefined = typeof key === 'function' ? undefined : key;
  const subkeys = new Map<IntegrityPurpose, Buffer>();
  const subkey = (purpose: IntegrityPurpose): Buffer => {
    let k = subkeys.get(purpose);
    if (!k) {
      master ??= (key as () => Uint8Array)();
      if (master.length !== 32) throw new Error('加密密钥须为 32 字节');
      k = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `gongkai ${purpose} mac v1`, 32));
      subkeys.set(purpose, k);
    }
    return k;
  };
  const mac = (purpose: IntegrityPurpose, text: string) => createHmac('sha256', subkey(purpose)).update(text, 'utf8').digest('hex');
  return {
    mac,
    verify(purpose, text, given) {
      if (!/^[0-9a-f]{64}$/i.test(given)) return false;
      return timingSafeEqual(Buffer.from(mac(purpose, text), 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
    },
  };
}

/** The MAC key for backups and audit anchors: derived from the same secret key as the channel secrets' box (see secretBoxFor). */
export function integrityKeyFor(config: { secretKey: Uint8Array | undefined; secretKeyFile: string }, warn: (message: string) => void): IntegrityKey {
  return createIntegrityKey(config.secretKey ?? (() => machineSecretKey(config.secretKeyFile, (file) => warn(machineKeyCreated(file)))));
}

const machineKeyCreated = (file: string) =>
  `未设置 GONGKAI_SECRET_KEY：已生成本机密钥文件 ${file}，用于加密保存各渠道的密码和密钥、为备份和审计锚点签名。请另行妥善保存一份（不要与数据库备份放在一起）；多台服务器共用一个数据库时，请在每台上设置相同的 GONGKAI_SECRET_KEY。`;

/**
 * The box that encrypts channel secrets: GONGKAI_SECRET_KEY, or the machine key file in the data
 * directory, created (and announced through `warn`) the first time a secret is written or read.
 */
export function secretBoxFor(config: { secretKey: Uint8Array | undefined; secretKeyFile: string }, warn: (message: string) => void): SecretBox {
  return createSecretBox(
    config.secretKey ??
      (() =>
        machineSecretKey(config.secretKeyFile, (file) => warn(machineKeyCreated(file)))),
  );
}
