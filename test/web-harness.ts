/**
 * In-process web testing: a fresh migrated SQLite database with the demo organisation, the
 * Hono app, and a small cookie-keeping agent that submits forms with their CSRF token.
 */
import { loadConfig } from '../src/config.ts';
import { openApplication, type Application } from '../src/main.ts';
import { DEMO_USERS } from '../src/domain/organisations/demo-organisation.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { fixedClock } from './clock.ts';
import { TEST_SECRET_KEY } from './services.ts';

export const ADMIN_PASSWORD = 'Qiancheng-Root#2026';

export interface TestApp {
  application: Application;
  clock: ReturnType<typeof fixedClock>;
  agent(): Agent;
  /** An agent already signed in as the demo user of a role ('admin' for the administrator). */
  signedIn(role: 'admin' | 'officer' | 'editor' | 'reviewer' | 'approver'): Promise<Agent>;
  close(): Promise<void>;
}

/** Creates the app over an in-memory SQLite database (or an empty database given, e.g. PostgreSQL) with demo data; `env` adds configuration. */
export async function createTestApp(options: { clock?: string; db?: Database; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = loadConfig({ GONGKAI_DATA_DIR: '/tmp/gongkai-test-unused', NODE_ENV: 'test', GONGKAI_SECRET_KEY: TEST_SECRET_KEY, ...options.env });
  const clock = fixedClock(options.clock ?? '2026-11-26T02:00:00.000Z');
  const application = await openApplication(config, { clock, db: options.db ?? openDatabase({ sqlitePath: ':memory:' }) });
  await application.services.initialise({ demo: true, adminPassword: ADMIN_PASSWORD });
  const t: TestApp = {
    application,
    clock,
    agent: () => new Agent(application),
    async signedIn(role) {
      const a = new Agent(application);
      const password = role === 'admin' ? ADMIN_PASSWORD : DEMO_USERS.find((u) => u.role === role)!.password;
      const res = await a.login(role === 'admin' ? 'admin' : DEMO_USERS.find((u) => u.role === role)!.login, password);
      if (res.status !== 303) throw new Error(`登录 ${role} 失败：${res.status} ${await res.text()}`);
      return a;
    },
    close: () => application.close(),
  };
  return t;
}

/** An application as a citizen fills in the portal form (every field of 条例第二十九条, a valid 居民身份证 number). */
export const SAMPLE_APPLICATION: Readonly<Record<string, string>> = {
  type: 'natural_person',
  name: '张晓明',
  identityKind: '居民身份证',
  identityNumber: '43128119900307121X',
  phone: '13812345678',
  email: 'zhang@example.com',
  address: '湖南省洪江市黔城镇板桥村3组',
  postcode: '418100',
  description: '请公开黔城镇2024年耕地地力保护补贴发放明细（板桥村部分）',
  documentNumber: '',
  formWanted: 'electronic',
  deliveryMethod: 'online',
};

/** A browser-like client: keeps cookies, finds the CSRF token on pages, submits forms. */
export class Agent {
  cookies = new Map<string, string>();
  csrf = '';
  /** The one-time form token of the first form on the last page fetched with `get`. */
  once = '';
  constructor(private readonly application: Application) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    headers.set('host', 'localhost');
    const res = await this.application.app.request(`http://localhost${path}`, { ...init, headers, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  /** GETs a page and remembers the CSRF token of its forms. */
  async get(path: string): Promise<Response> {
    const res = await this.request(path);
    const text = await res.clone().text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    const once = /name="_once" value="([^"]+)"/.exec(text);
    this.once = once ? once[1]! : '';
    return res;
  }

  /** Submits a form (urlencoded), with the current CSRF token unless one is given. */
  async post(path: string, form: Record<string, string | string[]>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== null) body.set('_csrf', token);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers } });
  }

  async login(login: string, password: string): Promise<Response> {
    await this.get('/console/login');
    const res = await this.post('/console/login', { login, password });
    if (res.status === 303) await this.get('/console');
    return res;
  }
}
