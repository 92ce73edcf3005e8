/**
 * Configuration: the only module that reads `process.env`. It parses the whole environment
 * once and, on bad values, reports every problem in Chinese at the same time.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from './storage/secret-box.ts';
import { parseCidr } from './web/trusted-proxies.ts';

/** Debian's tesseract-ocr (with tesseract-ocr-chi-sim), used for OCR when installed and not configured otherwise. */
const DEBIAN_TESSERACT = '/usr/bin/tesseract';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const schema = z.object({
  PORT: z.coerce.number().int().min(1, 'PORT 须为 1–65535 的端口号').max(65535, 'PORT 须为 1–65535 的端口号').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  GONGKAI_DATA_DIR: z.string().min(1).default('./data'),
  GONGKAI_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'GONGKAI_DATABASE_URL 须以 postgres:// 开头（不设置则使用内置 SQLite）')
    .optional(),
  GONGKAI_DEMO: booleanFlag.default(true),
  GONGKAI_ADMIN_PASSWORD: z.string().min(10, 'GONGKAI_ADMIN_PASSWORD 至少 10 个字符').optional(),
  GONGKAI_PUBLIC_URL: z.string().url('GONGKAI_PUBLIC_URL 须为完整网址，如 https://xxgk.example.gov.cn').optional(),
  GONGKAI_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  GONGKAI_SECURE_COOKIES: booleanFlag.optional(),
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().min(1, 'GONGKAI_MAX_UPLOAD_MB 至少为 1').max(500, 'GONGKAI_MAX_UPLOAD_MB 不超过 500').default(20),
  GONGKAI_MAX_UNPACKED_MB: z.coerce.number().min(1, 'GONGKAI_MAX_UNPACKED_MB 至少为 1').max(2000, 'GONGKAI_MAX_UNPACKED_MB 不超过 2000').default(100),
  GONGKAI_EXTRACT_SECONDS: z.coerce.number().min(1, 'GONGKAI_EXTRACT_SECONDS 至少为 1').max(600, 'GONGKAI_EXTRACT_SECONDS 不超过 600').default(30),
  GONGKAI_EXTRACT_MEMORY_MB: z.coerce.number().int().min(64, 'GONGKAI_EXTRACT_MEMORY_MB 至少为 64').max(8192, 'GONGKAI_EXTRACT_MEMORY_MB 不超过 8192').default(512),
  GONGKAI_TESSERACT: z.string().min(1).optional(),
  GONGKAI_LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  GONGKAI_WORKER: booleanFlag.default(true),
  GONGKAI_WORKER_POLL_SECONDS: z.coerce.number().min(0.01, 'GONGKAI_WORKER_POLL_SECONDS 须大于 0').max(3600).default(5),
  GONGKAI_WORKER_BATCH: z.coerce.number().int().min(1, 'GONGKAI_WORKER_BATCH 为 1–1000').max(1000, 'GONGKAI_WORKER_BATCH 为 1–1000').default(20),
  GONGKAI_WORKER_LEASE_SECONDS: z.coerce.number().min(0.1, 'GONGKAI_WORKER_LEASE_SECONDS 须大于 0').max(86_400).default(300),
  GONGKAI_WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR: z.coerce
    .number()
    .int('GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR 须为整数')
    .min(1, 'GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR 为 1–100000')
    .max(100_000, 'GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR 为 1–100000')
    .default(200),
  GONGKAI_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== undefined, 'GONGKAI_SECRET_KEY 须为 32 字节密钥：64 位十六进制数或 Base64（可用 openssl rand -hex 32 生成）')
    .optional(),
  GONGKAI_TRUSTED_PROXIES: z
    .string()
    .transform((v, ctx) => {
      const cidrs = v.split(',').map((x) => x.trim()).filter((x) => x !== '');
      const bad = cidrs.filter((x) => parseCidr(x) === undefined);
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `GONGKAI_TRUSTED_PROXIES 中的网段无效：${bad.join('、')}（应为逗号分隔的 IPv4/IPv6 地址或 CIDR，如 127.0.0.1/32,::1/128）` });
      return cidrs;
    })
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; absent means the embedded SQLite database under dataDir. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  demo: boolean;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  sessionHours: number;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** Reading uploads' text (worker thread): unpacked-size cap of DOCX/XLSX, time and heap limits, the OCR command. */
  extraction: { maxUnpackedBytes: number; timeoutMs: number; memoryMb: number; tesseractPath: string | undefined };
  attachmentsDir: string;
  secureCookies: boolean;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** The outbox worker (channel deliveries): in-process in `serve` unless disabled, or `gongkai worker`. */
  worker: { enabled: boolean; pollMs: number; batchSize: number; leaseMs: number; maxAttempts: number };
  /** Subscription confirmation mails the platform sends in an hour at most (one per address a day regardless). */
  subscriptionConfirmationsPerHour: number;
  /** Encrypts channel secrets at rest (GONGKAI_SECRET_KEY); undefined: the machine key file `secretKeyFile`. */
  secretKey: Uint8Array | undefined;
  secretKeyFile: string;
  /** Reverse proxies (CIDRs) whose X-Forwarded-For is believed (GONGKAI_TRUSTED_PROXIES); empty: none. */
  trustedProxies: string[];
  production: boolean;
}

/** Every configuration variable, with its default and meaning, for `--help` and the README. */
export const configVariables: ReadonlyArray<{ name: string; default: string; meaning: string }> = [
  { name: 'PORT', default: '3000', meaning: 'HTTP 端口' },
  { name: 'HOST', default: '0.0.0.0', meaning: '监听地址' },
  { name: 'GONGKAI_DATA_DIR', default: './data', meaning: '数据目录：SQLite 数据库、附件' },
  { name: 'GONGKAI_DATABASE_URL', default: '（空：内置 SQLite）', meaning: 'PostgreSQL 连接串 postgres://…' },
  { name: 'GONGKAI_DEMO', default: '1', meaning: '空库启动时创建演示机构与演示账号；0 则从空库开始' },
  { name: 'GONGKAI_ADMIN_PASSWORD', default: '（随机生成并打印一次）', meaning: '首次启动时管理员 admin 的密码' },
  { name: 'GONGKAI_PUBLIC_URL', default: '（空）', meaning: '门户对外网址，用于链接与二维码' },
  { name: 'GONGKAI_SESSION_HOURS', default: '12', meaning: '登录会话有效时长（小时）' },
  { name: 'GONGKAI_SECURE_COOKIES', default: '生产环境为 1', meaning: 'Cookie 只经 HTTPS 发送' },
  { name: 'GONGKAI_MAX_UPLOAD_MB', default: '20', meaning: '单个附件或上传文件的大小上限（MB）' },
  { name: 'GONGKAI_MAX_UNPACKED_MB', default: '100', meaning: 'Word/Excel 文件解压后的大小上限（MB）；超过则拒收（防“压缩炸弹”）' },
  { name: 'GONGKAI_EXTRACT_SECONDS', default: '30', meaning: '读取一个上传文件文字的时限（秒，在独立线程中）' },
  { name: 'GONGKAI_EXTRACT_MEMORY_MB', default: '512', meaning: '读取一个上传文件文字的内存上限（MB）' },
  { name: 'GONGKAI_TESSERACT', default: '/usr/bin/tesseract（如已安装）', meaning: '文字识别（OCR）命令，需 chi_sim 语言包；0 则不识别，图片和扫描件一律要求人工核对' },
  { name: 'GONGKAI_LOG_LEVEL', default: 'info', meaning: '日志级别 error|warn|info|debug' },
  { name: 'GONGKAI_WORKER', default: '1', meaning: 'serve 同时在进程内运行发送队列（微信、微博、短信、邮件）；0 则只由 gongkai worker 发送' },
  { name: 'GONGKAI_WORKER_POLL_SECONDS', default: '5', meaning: '发送队列为空时的轮询间隔（秒）' },
  { name: 'GONGKAI_WORKER_BATCH', default: '20', meaning: '发送队列每批领取的消息数' },
  { name: 'GONGKAI_WORKER_LEASE_SECONDS', default: '300', meaning: '领取消息的租期（秒）：进程中断后，租期过后由其他进程接手' },
  { name: 'GONGKAI_WORKER_MAX_ATTEMPTS', default: '8', meaning: '可重试的发送失败最多尝试次数（退避：1、2、4 … 分钟，最长 6 小时）' },
  { name: 'GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR', default: '200', meaning: '全平台每小时最多发送的订阅确认邮件数（另外每个邮箱每天最多一封）' },
  { name: 'GONGKAI_SECRET_KEY', default: '（空：数据目录中的 secret.key）', meaning: '加密保存渠道密钥（AES-256-GCM）的 32 字节密钥，64 位十六进制或 Base64' },
  { name: 'GONGKAI_TRUSTED_PROXIES', default: '（空：不信任任何代理）', meaning: '反向代理（nginx、WAF）的地址段，逗号分隔的 CIDR，如 127.0.0.1/32,::1/128；只有来自这些地址的请求才采信 X-Forwarded-For' },
  { name: 'NODE_ENV', default: 'development', meaning: 'production 时拒绝不安全的默认值' },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('配置有误：\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: the process's) into a Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && e.GONGKAI_DEMO && cleaned.GONGKAI_DEMO !== undefined) {
    problems.push('GONGKAI_DEMO: 生产环境不得创建演示账号（请设为 0）');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(e.GONGKAI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.GONGKAI_DATABASE_URL,
    sqlitePath: path.join(dataDir, 'gongkai.db'),
    demo: production ? false : e.GONGKAI_DEMO,
    adminPassword: e.GONGKAI_ADMIN_PASSWORD,
    publicUrl: e.GONGKAI_PUBLIC_URL,
    sessionHours: e.GONGKAI_SESSION_HOURS,
    maxUploadBytes: Math.round(e.GONGKAI_MAX_UPLOAD_MB * 1048576),
    extraction: {
      maxUnpackedBytes: Math.round(e.GONGKAI_MAX_UNPACKED_MB * 1048576),
      timeoutMs: Math.round(e.GONGKAI_EXTRACT_SECONDS * 1000),
      memoryMb: e.GONGKAI_EXTRACT_MEMORY_MB,
      tesseractPath: ['0', 'off', 'false', 'no'].includes(e.GONGKAI_TESSERACT ?? '') ? undefined : (e.GONGKAI_TESSERACT ?? (existsSync(DEBIAN_TESSERACT) ? DEBIAN_TESSERACT : undefined)),
    },
    attachmentsDir: path.join(dataDir, 'attachments'),
    secureCookies: e.GONGKAI_SECURE_COOKIES ?? production,
    logLevel: e.GONGKAI_LOG_LEVEL,
    worker: {
      enabled: e.GONGKAI_WORKER,
      pollMs: Math.round(e.GONGKAI_WORKER_POLL_SECONDS * 1000),
      batchSize: e.GONGKAI_WORKER_BATCH,
      leaseMs: Math.round(e.GONGKAI_WORKER_LEASE_SECONDS * 1000),
      maxAttempts: e.GONGKAI_WORKER_MAX_ATTEMPTS,
    },
    subscriptionConfirmationsPerHour: e.GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR,
    secretKey: e.GONGKAI_SECRET_KEY === undefined ? undefined : parseSecretKey(e.GONGKAI_SECRET_KEY),
    secretKeyFile: path.join(dataDir, 'secret.key'),
    trustedProxies: e.GONGKAI_TRUSTED_PROXIES ?? [],
    production,
  };
}

/** Test-only settings (read here so that no other module touches process.env). */
export function loadTestEnvironment(env: Record<string, string | undefined> = process.env): {
  postgresUrl: string | undefined;
  chromiumPath: string;
} {
  return {
    postgresUrl: env.GONGKAI_TEST_DATABASE_URL || undefined,
    chromiumPath: env.GONGKAI_CHROMIUM_PATH || '/usr/bin/chromium',
  };
}
