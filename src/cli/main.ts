/**
 * The `gongkai` command. Every subcommand reads the same configuration as the server
 * (PORT, GONGKAI_DATA_DIR, GONGKAI_DATABASE_URL …). Errors are printed in Chinese to stderr
 * with a non-zero exit code, never as a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { ConfigError, configVariables, loadConfig, type Config } from '../config.ts';
import { openApplication, type Application } from '../main.ts';
import { SYSTEM_ACTOR } from '../services/access-control.ts';
import { ServiceError } from '../services/errors.ts';
import type { Credentials } from '../services/initialise-database.ts';
import { createUser } from '../services/manage-users.ts';
import { isRole, ROLES, ROLE_LABELS } from '../domain/access/roles.ts';
import { migrateDown } from '../storage/migrate.ts';

interface Command {
  summary: string;
  usage: string;
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env?: Record<string, string | undefined>;
  /** Reads all of standard input (for `gongkai deadline` and `-` as a file name). */
  readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const defaultIo: Io = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n'), readStdin: readProcessStdin };

async function readInput(io: Io, file: string): Promise<string> {
  if (file === '-') return (io.readStdin ?? readProcessStdin)();
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new ServiceError(`无法读取文件：${file}`, 400);
  }
}

function config(io: Io): Config {
  return loadConfig(io.env);
}

/** Prints the first-start credentials once. */
export function formatCredentials(credentials: Credentials[]): string {
  const lines = ['', '================ Gongkai 初始账号（只显示这一次）================'];
  for (const c of credentials) {
    lines.push(`  ${c.role.padEnd(8, '　')}  用户名：${c.login.padEnd(10)} 密码：${c.password ?? '（见 GONGKAI_ADMIN_PASSWORD）'}  ${c.note}`);
  }
  lines.push('  演示账号仅供演示，生产环境请设置 GONGKAI_DEMO=0。', '=================================================================', '');
  return lines.join('\n');
}

async function withApp<T>(io: Io, work: (app: Application) => Promise<T>): Promise<T> {
  const app = await openApplication(config(io));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const commands: Record<string, Command> = {
  serve: {
    summary: '启动门户与工作台（首次启动时建库并创建管理员）',
    usage: 'gongkai serve',
    help: '迁移数据库到最新版本；空库时创建管理员（GONGKAI_DEMO=1 时另建演示机构与演示账号）并打印一次初始密码；然后在 PORT 上提供服务。',
    async run(_args, io) {
      const cfg = config(io);
      const app = await openApplication(cfg);
      const init = await app.services.initialise({ demo: cfg.demo, adminPassword: cfg.adminPassword });
      if (init.created) io.out(formatCredentials(init.credentials));
      const server = serve({ fetch: app.app.fetch, port: cfg.port, hostname: cfg.host });
      const where = cfg.databaseUrl ? 'PostgreSQL' : `SQLite（${cfg.sqlitePath}）`;
      io.out(`Gongkai 已启动：http://localhost:${cfg.port}/ （门户）  http://localhost:${cfg.port}/console （工作台）  数据库：${where}`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          io.out('正在停止…');
          server.close(() => resolve());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      return 0;
    },
  },
  migrate: {
    summary: '把数据库迁移到最新版本（--down 回退一步）',
    usage: 'gongkai migrate [--down]',
    help: '按时间戳顺序执行 src/storage/migrations 中的迁移。--down 回退最近一次迁移。',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { down: { type: 'boolean' } } });
      const cfg = config(io);
      const app = await openApplication(cfg, { migrate: !values.down });
      try {
        if (values.down) {
          const done = await migrateDown(app.db);
          io.out(done.length ? done.join('\n') : '没有可回退的迁移');
        } else {
          io.out('数据库已是最新版本');
        }
      } finally {
        await app.close();
      }
      return 0;
    },
  },
  demo: {
    summary: '在空数据库中创建演示机构、管理员和演示账号',
    usage: 'gongkai demo',
    help: '只在没有任何机构的数据库中执行；已有数据时不做任何改动。',
    async run(_args, io) {
      return withApp(io, async (app) => {
        const init = await app.services.initialise({ demo: true, adminPassword: app.config.adminPassword });
        if (!init.created) {
          io.err('数据库中已有机构，未创建演示数据（演示数据只能建在空库中）。');
          return 1;
        }
        io.out(formatCredentials(init.credentials));
        return 0;
      });
    },
  },
  user: {
    summary: '管理用户：gongkai user add',
    usage: 'gongkai user add --login LOGIN --name 姓名 --agency 机构名称或ID --role ROLE [--password 密码]',
    help: `新增用户并授予角色（角色作用于该机构及其下级）。ROLE 取值：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}。不给 --password 时生成一次性密码并打印，首次登录须修改。`,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub !== 'add') {
        io.err(`未知的子命令：${sub ?? '（空）'}。用法：${commands.user!.usage}`);
        return 2;
      }
      const { values } = parseArgs({
        args: rest,
        options: { login: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, role: { type: 'string', multiple: true }, password: { type: 'string' } },
      });
      const missing = (['login', 'name', 'agency'] as const).filter((k) => !values[k]);
      if (missing.length) {
        io.err(`缺少参数：${missing.map((m) => '--' + m).join(' ')}。用法：${commands.user!.usage}`);
        return 2;
      }
      const roles = values.role ?? [];
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) {
        io.err(`未知的角色：${bad.join('、')}。可用：${ROLES.join('、')}`);
        return 2;
      }
      return withApp(io, async (app) => {
        const all = await app.services.agencies.all();
        const agency = all.find((a) => String(a.id) === values.agency || a.name === values.agency || a.shortName === values.agency);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const created = await createUser(
          app.services.deps,
          SYSTEM_ACTOR,
          { login: values.login, displayName: values.name, agencyId: agency.id, password: values.password, grants: roles.map((role) => ({ role, agencyId: agency.id })) },
          { system: true },
        );
        io.out(`已创建用户 ${created.user.login}（${agency.name}）${created.generatedPassword ? `，一次性密码：${created.generatedPassword}` : ''}`);
        return 0;
      });
    },
  },
  calendar: {
    summary: '工作日历：gongkai calendar import FILE | export',
    usage: 'gongkai calendar import FILE|- [--format json|ics] [--reason 原因] [--notice-title 标题 --notice-url 网址]\n      gongkai calendar export',
    help: 'import：导入国务院办公厅节假日安排（JSON：与 resources/calendar/cn-holidays.json 相同的结构，或单个年份 {"year":2027,…}；或 .ics 日历，此时须给出所依据通知的标题和网址）。每个年份保存为新版本并写入审计日志；内容未变的年份不改动。export：以 JSON 输出当前日历。',
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'export') {
        return withApp(io, async (app) => {
          const { records } = await app.services.calendar.current();
          io.out(JSON.stringify({ version: 1, years: Object.fromEntries(records.map((r) => [String(r.year), r.data])) }, null, 2));
          return 0;
        });
      }
      if (sub !== 'import') {
        io.err(`未知的子命令：${sub ?? '（空）'}。用法：${commands.calendar!.usage}`);
        return 2;
      }
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { format: { type: 'string' }, reason: { type: 'string' }, 'notice-title': { type: 'string' }, 'notice-url': { type: 'string' } },
      });
      const file = positionals[0];
      if (!file) {
        io.err(`缺少文件。用法：${commands.calendar!.usage}`);
        return 2;
      }
      if (values.format && values.format !== 'json' && values.format !== 'ics') {
        io.err('--format 只能是 json 或 ics');
        return 2;
      }
      const text = await readInput(io, file);
      return withApp(io, async (app) => {
        const result = await app.services.calendar.importFile(SYSTEM_ACTOR, text, {
          format: values.format as 'json' | 'ics' | undefined,
          reason: values.reason ?? `命令行导入 ${file}`,
          noticeTitle: values['notice-title'],
          noticeUrl: values['notice-url'],
          system: true,
        });
        io.out(JSON.stringify(result));
        return 0;
      });
    },
  },
  workdays: {
    summary: '工作日：gongkai workdays add DATE N | check DATE',
    usage: 'gongkai workdays add YYYY-MM-DD N [--json]\n      gongkai workdays check YYYY-MM-DD',
    help: 'add：某日之后第 N 个工作日（起算日不计入，次日起算），输出日期；--json 输出 {"from","workdays","date","provisional"}。check：输出 {"date","workday","kind"}，kind 为 workday、weekend、holiday、makeup_workday 之一，尚无节假日安排的年份加 "provisional":true。',
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      const [sub, date, n] = positionals;
      if (sub === 'add' && date && n !== undefined) {
        return withApp(io, async (app) => {
          const r = await app.services.deadlines.addWorkdays(date, Number.isNaN(Number(n)) ? n : Number(n));
          io.out(values.json ? JSON.stringify(r) : r.date);
          return 0;
        });
      }
      if (sub === 'check' && date) {
        return withApp(io, async (app) => {
          io.out(JSON.stringify(await app.services.deadlines.checkDay(date)));
          return 0;
        });
      }
      io.err(`用法：${commands.workdays!.usage}`);
      return 2;
    },
  },
  deadline: {
    summary: '计算依申请公开答复期限（标准输入 JSON）',
    usage: `echo '{"received":"2025-09-22","events":[{"type":"extended"}]}' | gongkai deadline`,
    help: '从标准输入读取 {"received":日期,"events":[…]}，输出 {"regime","due","provisional","explanation",…}。事件：{"type":"clarification_requested","on":D}、{"type":"clarification_received","on":D}、{"type":"paused","from":S,"to":E,"reason":"consultation"|"fee"}、{"type":"extended"}（可加 "workdays":N）。',
    async run(_args, io) {
      const text = await readInput(io, '-');
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch {
        io.err('标准输入不是有效的 JSON，例如：{"received":"2025-09-22","events":[{"type":"extended"}]}');
        return 2;
      }
      return withApp(io, async (app) => {
        io.out(JSON.stringify(await app.services.deadlines.requestDeadline(input as never)));
        return 0;
      });
    },
  },
  scan: {
    summary: '隐私与保密检查：gongkai scan FILE|- [--mask]',
    usage: 'gongkai scan FILE|- [--mask] [--agency 机构名称或ID] [--allow 文本]… [--word 敏感词]…',
    help: '检查文本、HTML、DOCX、XLSX 或 PDF（按文件内容识别类型）中的身份证号、手机号、银行卡号、密级标志、个人邮箱、护照与港澳通行证号、个体工商户信用代码、家庭住址和敏感词。输出 JSON 数组 [{kind,start,end,text,masked,severity}]（偏移量指提取出的文本，按 UTF-16 计）；--mask 输出打码后的文本。--agency 把该机构公开的电话、传真、邮箱列入白名单；--allow、--word 可重复。发现 severity 为 block 的项时退出码为 3。',
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { mask: { type: 'boolean' }, agency: { type: 'string' }, allow: { type: 'string', multiple: true }, word: { type: 'string', multiple: true } },
      });
      const file = positionals[0];
      if (!file) {
        io.err(`缺少文件。用法：${commands.scan!.usage}`);
        return 2;
      }
      const bytes = file === '-' ? new TextEncoder().encode(await (io.readStdin ?? readProcessStdin)()) : await readFile(file).catch(() => {
        throw new ServiceError(`无法读取文件：${file}`, 400);
      });
      const { extractText, UnsupportedDocumentError } = await import('../documents/extract-text.ts');
      const { scanText, maskText } = await import('../domain/privacy/index.ts');
      let text: string;
      try {
        text = (await extractText(bytes)).text;
      } catch (e) {
        if (e instanceof UnsupportedDocumentError) {
          io.err(e.message);
          return 1;
        }
        throw e;
      }
      const allowList = [...(values.allow ?? [])];
      if (values.agency) {
        const agency = await withApp(io, async (app) => (await app.services.agencies.all()).find((a) => String(a.id) === values.agency || a.name === values.agency || a.shortName === values.agency));
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        allowList.push(...[agency.phone, agency.fax, agency.email].filter(Boolean));
      }
      const findings = scanText(text, { allowList, sensitiveWords: values.word ?? [] });
      if (values.mask) io.out(maskText(text, findings));
      else io.out(JSON.stringify(findings.map(({ kind, start, end, text: t, masked, severity }) => ({ kind, start, end, text: t, masked, severity }))));
      return findings.some((f) => f.severity === 'block') ? 3 : 0;
    },
  },
  audit: {
    summary: '审计日志：gongkai audit verify',
    usage: 'gongkai audit verify',
    help: '逐条校验审计日志的哈希链；链条完整时退出码为 0，否则指出第一条被改动或删除的记录并以 1 退出。',
    async run(args, io) {
      if (args[0] !== 'verify') {
        io.err(`未知的子命令：${args[0] ?? '（空）'}。用法：gongkai audit verify`);
        return 2;
      }
      return withApp(io, async (app) => {
        const result = await app.services.audit.verify();
        if (result.ok) {
          io.out(`审计日志完整：已校验 ${result.checked} 条记录。`);
          return 0;
        }
        io.err(`审计日志校验失败：${result.problem!.message}（已校验 ${result.checked} 条）`);
        return 1;
      });
    },
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    'gongkai — 政府信息公开平台',
    '',
    '用法：gongkai <命令> [参数]    gongkai <命令> --help',
    '',
    '命令：',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    '配置（环境变量，服务与所有命令相同）：',
    ...configVariables.map((v) => `  ${v.name.padEnd(24)} ${v.meaning}（默认：${v.default}）`),
  ].join('\n');
}

/** Runs the CLI with arguments; returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`未知的命令：${name}\n\n${mainHelp()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`用法：${command.usage}\n\n${command.help}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ServiceError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`参数有误：${e.message}\n用法：${command.usage}`);
      return 2;
    }
    io.err(`执行失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
