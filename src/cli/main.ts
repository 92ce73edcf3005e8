/**
 * The `gongkai` command. Every subcommand reads the same configuration as the server
 * (PORT, GONGKAI_DATA_DIR, GONGKAI_DATABASE_URL …). Errors are printed in Chinese to stderr
 * with a non-zero exit code, never as a stack trace.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, configVariables, loadConfig, type Config } from '../config.ts';
import { openApplication, type Application } from '../main.ts';
import { SYSTEM_ACTOR } from '../services/access-control.ts';
import { ServiceError } from '../services/errors.ts';
import type { Credentials } from '../services/initialise-database.ts';
import { createUser } from '../services/manage-users.ts';
import { isRole, ROLES, ROLE_LABELS } from '../domain/access/roles.ts';
import { migrateDown } from '../storage/migrate.ts';
import { createOutboxWorker, type OutboxWorker } from '../jobs/outbox-worker.ts';
import { createScheduledJobs } from '../jobs/scheduled-jobs.ts';
import { createLogger } from '../log.ts';
import { startWebServer } from '../web/server.ts';
import { createChannelAdapters } from '../channels/channel-adapters.ts';
import { isReportFormat, isTableId } from '../domain/reports/index.ts';
import type { Actor } from '../services/ports.ts';

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

/** The outbox worker of an application, with every channel adapter and the configured batch, lease and poll. */
function workerOf(app: Application): OutboxWorker {
  const w = app.config.worker;
  const logger = createLogger(app.config.logLevel);
  return createOutboxWorker({
    uow: app.services.deps.uow,
    clock: app.services.deps.clock,
    adapters: createChannelAdapters({ publicUrl: app.config.publicUrl }),
    batchSize: w.batchSize,
    leaseMs: w.leaseMs,
    pollMs: w.pollMs,
    maxAttempts: w.maxAttempts,
    log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m, e) => logger.error(m, e) },
  });
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function withApp<T>(io: Io, work: (app: Application) => Promise<T>): Promise<T> {
  const app = await openApplication(config(io));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** Writes a file only its owner can read (0600 whatever the umask, an existing file too): backups hold password hashes and applicants' data. */
async function writePrivateFile(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600 });
  await chmod(file, 0o600);
}

/** An agency by id, full name or short name. */
async function findAgency(app: Application, key: string) {
  return (await app.services.agencies.all()).find((a) => String(a.id) === key || a.name === key || a.shortName === key);
}

/** Whoever runs the command on the server acts as the disclosure office of the agency named (the operator holds the database anyway). */
function cliActor(agency: { id: number; path: string }): Actor {
  return { userId: null, label: '系统（命令行）', grants: [{ role: 'officer', agencyId: agency.id, agencyPath: agency.path }] };
}

const commands: Record<string, Command> = {
  serve: {
    summary: '启动门户与工作台（首次启动时建库并创建管理员）',
    usage: 'gongkai serve',
    help: '迁移数据库到最新版本；空库时创建管理员（GONGKAI_DEMO=1 时另建演示机构与演示账号）并打印一次初始密码；然后在 PORT 上提供服务。',
    async run(_args, io) {
      const cfg = config(io);
      // The server waits at most 2 s for another process's write lock (a long import), then answers 503.
      const app = await openApplication(cfg, { busyTimeoutMs: 2000 });
      const init = await app.services.initialise({ demo: cfg.demo, adminPassword: cfg.adminPassword });
      if (init.created) io.out(formatCredentials(init.credentials));
      const server = await startWebServer(app.app.fetch, { port: cfg.port, hostname: cfg.host });
      const worker = cfg.worker.enabled ? workerOf(app) : undefined;
      worker?.start();
      // Scheduled publication and the abandonment check run wherever the worker runs.
      const jobs = cfg.worker.enabled ? createScheduledJobs(app.services, { logger: createLogger(cfg.logLevel) }) : undefined;
      jobs?.start();
      const where = cfg.databaseUrl ? 'PostgreSQL' : `SQLite（${cfg.sqlitePath}）`;
      io.out(`Gongkai 已启动：http://localhost:${cfg.port}/ （门户）  http://localhost:${cfg.port}/console （工作台）  数据库：${where}  发送队列：${worker ? '进程内运行' : '未启动（GONGKAI_WORKER=0）'}`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          io.out('正在停止…');
          server.close(() => resolve());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await worker?.stop();
      await jobs?.stop();
      await app.close();
      return 0;
    },
  },
  worker: {
    summary: '发送队列：把待发的微信、微博、短信、邮件消息发出去（--once 只处理一批）',
    usage: 'gongkai worker [--once]',
    help: '领取到期的待发消息，经各渠道发送，失败时按退避重试（GONGKAI_WORKER_MAX_ATTEMPTS 次），每条消息凭幂等键绝不重复发送。进程中断后重新启动即可：租期（GONGKAI_WORKER_LEASE_SECONDS）过后，中断的消息由本进程或其他进程接手。PostgreSQL 上可同时运行多个 worker。同时每分钟发布到时的定时发布信息、关闭逾期未补正或未缴费的申请。serve 默认已在进程内运行发送队列和这些定时任务（GONGKAI_WORKER=0 关闭）。--once 处理一批后以 JSON 输出结果并退出。',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { once: { type: 'boolean' } } });
      return withApp(io, async (app) => {
        const worker = workerOf(app);
        if (values.once) {
          io.out(JSON.stringify(await worker.runOnce()));
          return 0;
        }
        worker.start();
        const jobs = createScheduledJobs(app.services, { logger: createLogger(app.config.logLevel) });
        jobs.start();
        io.out(`发送队列已启动（${worker.workerId}），定时发布与逾期放弃检查每分钟运行一次，Ctrl-C 停止。`);
        await untilSignalled();
        io.out('正在停止发送队列…');
        await worker.stop();
        await jobs.stop();
        return 0;
      });
    },
  },
  deliveries: {
    summary: '渠道发送统计：gongkai deliveries counts --year YYYY | stale',
    usage: 'gongkai deliveries counts --year YYYY [--agency 机构名称或ID]\n      gongkai deliveries stale',
    help: 'counts：某年（北京时间）各渠道已发送、失败、取消、待发的消息数（JSON），供年度报告引用。stale：已启用但一周内没有更新的微信公众号、政务微博和公开栏（一周一更新），有则以 3 退出。',
    async run(args, io) {
      const [sub, ...rest] = args;
      const { values } = parseArgs({ args: rest, options: { year: { type: 'string' }, agency: { type: 'string' } } });
      if (sub === 'counts') {
        if (!values.year || !/^\d{4}$/.test(values.year)) {
          io.err(`缺少或错误的 --year。用法：${commands.deliveries!.usage}`);
          return 2;
        }
        return withApp(io, async (app) => {
          let agencyId: number | undefined;
          if (values.agency) {
            const agency = await findAgency(app, values.agency!);
            if (!agency) {
              io.err(`找不到机构：${values.agency}`);
              return 1;
            }
            agencyId = agency.id;
          }
          const counts = await app.services.deliveries.counts('system', { fromOn: `${values.year}-01-01`, toOn: `${values.year}-12-31`, ...(agencyId !== undefined && { agencyId }) });
          io.out(JSON.stringify(counts));
          return 0;
        });
      }
      if (sub === 'stale') {
        return withApp(io, async (app) => {
          const stale = await app.services.deliveries.staleChannels('system');
          for (const s of stale) io.out(s.message);
          if (stale.length === 0) io.out('各渠道一周内均有更新。');
          return stale.length ? 3 : 0;
        });
      }
      io.err(`未知的子命令：${sub ?? '（空）'}。用法：${commands.deliveries!.usage}`);
      return 2;
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
        const agency = await findAgency(app, values.agency!);
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
        const agency = await withApp(io, (app) => findAgency(app, values.agency!));
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
  report: {
    summary: '政府信息公开工作年度报告：汇编、校验、导出（JSON/HTML/DOCX/CSV）与导入往年报告',
    usage:
      'gongkai report --agency 机构名称或ID --year 年度 [--format 2008|2019|2021] [--include-subunits] [--output json|html|docx|csv] [--out 文件] [--table table3] [--manual 文件]\n      gongkai report import 文件|- --agency 机构名称或ID [--include-subunits] [--year 年度] [--format 2019|2021]',
    help:
      '按机构（--include-subunits 时连同下属站所、村〔社区〕，即“全镇”）和年度，从已发布信息、依申请公开、复议诉讼和发布渠道记录汇编年度报告，并合并与报告一同保存的人工填报数据（行政许可/处罚/强制决定数、行政事业性收费、人员经费、党政读物、正文段落）。格式默认按年度：2018 年及以前为 2008 格式（叙述体），2019—2020 年为 2019 试行格式，2021 年起为 2021 格式。该年度报告已定稿且格式一致时，输出定稿文本。\n' +
      '--output：json（默认；含 agency、year、format、figures 指标、tables 表格、validation 校验结果）、html（正式网页版）、docx（Word，须配合 --out）、csv（表格；--table 只输出一张表，如 table3）。--manual 文件：以 JSON 给出人工填报数据（不保存），如 {"printedMaterials":400,"licensingDecisions":12}。\n' +
      'import：导入往年报告，作为该年度的定稿报告，供下一年度计算“上年结转”：JSON（本系统导出的 JSON，或含 year、format、tables 的表格数据），或已填好的正式报告 Word（.docx）、网页（.html）——从中读取表二、表三、表四；年度取自标题（可用 --year 指定），格式按表格识别（可用 --format 指定）。',
    async run(args, io) {
      if (args[0] === 'import') {
        const { values, positionals } = parseArgs({
          args: args.slice(1),
          allowPositionals: true,
          options: { agency: { type: 'string' }, 'include-subunits': { type: 'boolean' }, year: { type: 'string' }, format: { type: 'string' } },
        });
        const file = positionals[0];
        if (!file || !values.agency) {
          io.err(`缺少${!file ? '文件' : '参数 --agency'}。用法：${commands.report!.usage}`);
          return 2;
        }
        const year = values.year === undefined ? undefined : Number(values.year);
        if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 9999)) {
          io.err(`年度应为四位数字：${values.year ?? ''}`);
          return 2;
        }
        if (values.format !== undefined && values.format !== '2019' && values.format !== '2021') {
          io.err('导入正式报告时 --format 只能是 2019 或 2021。');
          return 2;
        }
        const format = values.format as '2019' | '2021' | undefined;
        const text = await readInput(io, file);
        // A Word document or a web page: read its tables 二、三、四; anything else is the JSON form.
        const isDocument = /\.(docx|html?)$/i.test(file) || /^\s*</.test(text);
        if (isDocument) {
          const bytes = file === '-' ? new TextEncoder().encode(text) : new Uint8Array(await readFile(file));
          const { readReportDocumentContent, UnreadableReportDocumentError } = await import('../documents/report-document-reader.ts');
          let content;
          try {
            content = await readReportDocumentContent(bytes);
          } catch (e) {
            if (e instanceof UnreadableReportDocumentError) {
              io.err(e.message);
              return 1;
            }
            throw e;
          }
          return withApp(io, async (app) => {
            const agency = await findAgency(app, values.agency!);
            if (!agency) {
              io.err(`找不到机构：${values.agency}`);
              return 1;
            }
            const result = await app.services.reports.importPastDocument(cliActor(agency), {
              agencyId: agency.id,
              includeSubunits: values['include-subunits'] ?? false,
              content,
              ...(year !== undefined && { year }),
              ...(format !== undefined && { format }),
            });
            io.out(`已导入 ${agency.name}${result.stored.year}年度报告（${result.stored.format} 格式，编号 ${result.stored.id}，读自 ${file}）。`);
            for (const note of result.notes) io.out(`  注意：${note}`);
            return 0;
          });
        }
        return withApp(io, async (app) => {
          const agency = await findAgency(app, values.agency!);
          if (!agency) {
            io.err(`找不到机构：${values.agency}`);
            return 1;
          }
          const result = await app.services.reports.importPast(cliActor(agency), { agencyId: agency.id, includeSubunits: values['include-subunits'] ?? false, json: text });
          io.out(`已导入 ${agency.name}${result.stored.year}年度报告（${result.stored.format} 格式，编号 ${result.stored.id}）。`);
          for (const note of result.notes) io.out(`  注意：${note}`);
          return 0;
        });
      }
      const { values } = parseArgs({
        args,
        options: {
          agency: { type: 'string' },
          year: { type: 'string' },
          format: { type: 'string' },
          'include-subunits': { type: 'boolean' },
          output: { type: 'string' },
          out: { type: 'string' },
          table: { type: 'string' },
          manual: { type: 'string' },
        },
      });
      const missing = (['agency', 'year'] as const).filter((k) => !values[k]);
      if (missing.length) {
        io.err(`缺少参数：${missing.map((m) => '--' + m).join(' ')}。用法：${commands.report!.usage}`);
        return 2;
      }
      const year = Number(values.year);
      if (!/^\d{4}$/.test(values.year!) || year < 2008) {
        io.err(`年度“${values.year}”无效：应为 2008 年以后的四位年份。`);
        return 2;
      }
      if (values.format !== undefined && !isReportFormat(values.format)) {
        io.err(`格式“${values.format}”无效：只能是 2008、2019 或 2021。`);
        return 2;
      }
      const output = values.output ?? 'json';
      if (!['json', 'html', 'docx', 'csv'].includes(output)) {
        io.err(`输出格式“${output}”无效：只能是 json、html、docx 或 csv。`);
        return 2;
      }
      if (output === 'docx' && !values.out) {
        io.err('DOCX 是二进制文件，请用 --out 指定保存的文件名。');
        return 2;
      }
      if (values.table !== undefined && !isTableId(values.table)) {
        io.err(`表格“${values.table}”无效：可用 table2_clause20_1、table2_clause20_5、table2_clause20_6、table2_clause20_8、table2_clause20_9、table3、table4。`);
        return 2;
      }
      let manual: unknown;
      if (values.manual) {
        try {
          manual = JSON.parse(await readInput(io, values.manual)) as unknown;
        } catch (e) {
          if (e instanceof ServiceError) throw e;
          io.err(`人工填报数据文件不是有效的 JSON：${values.manual}`);
          return 2;
        }
      }
      return withApp(io, async (app) => {
        const agency = await findAgency(app, values.agency!);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const view = await app.services.reports.compile(
          cliActor(agency),
          { agencyId: agency.id, year, ...(values.format !== undefined && { format: values.format as '2008' | '2019' | '2021' }), includeSubunits: values['include-subunits'] ?? false },
          manual,
        );
        const stored = view.frozen ? view.stored : null;
        const note = stored ? `本报告已于 ${stored.finalisedAt?.slice(0, 10) ?? ''} 定稿（内容摘要 SHA-256：${stored.contentHash ?? ''}）` : undefined;
        let content: string | Uint8Array;
        if (output === 'json') {
          const { renderReportJson } = await import('../documents/report-json.ts');
          content = renderReportJson(view.report, view.findings, {
            id: view.stored?.id ?? null,
            includeSubunits: values['include-subunits'] ?? false,
            status: stored?.status ?? 'compiled',
            contentHash: stored?.contentHash ?? null,
            finalisedAt: stored?.finalisedAt ?? null,
          });
        } else if (output === 'html') {
          const { renderReportHtml } = await import('../documents/report-html.tsx');
          content = renderReportHtml(view.report, note ? { note } : {});
        } else if (output === 'csv') {
          const { renderReportCsv } = await import('../documents/report-csv.ts');
          content = renderReportCsv(view.report, values.table as Parameters<typeof renderReportCsv>[1]);
        } else {
          const { renderReportDocx } = await import('../documents/report-docx.ts');
          content = await renderReportDocx(view.report, note ? { note } : {});
        }
        if (values.out) {
          await writeFile(values.out, content);
          io.out(`已写入 ${values.out}`);
        } else io.out(typeof content === 'string' ? content : Buffer.from(content).toString('base64'));
        const failed = view.findings.filter((f) => !f.passed);
        for (const f of failed) io.err(`${f.level === 'error' ? '错误' : '提示'}：${f.message}`);
        return 0;
      });
    },
  },
  import: {
    summary: '从台账（XLSX/CSV）导入主动公开信息、依申请公开记录或复议诉讼案件（先试导入）',
    usage: 'gongkai import items|requests|appeals 文件 --agency 机构名称或ID [--dry-run]\n      gongkai import template items|requests|appeals [--out 文件.xlsx|文件.csv]',
    help:
      '读取 Excel（.xlsx，第一个工作表）或 CSV（UTF-8 或 GBK）台账，首行为中文表头（格式见 docs/import.md）。逐行校验，错误以“第 N 行”列出；--dry-run 只校验不写入。' +
      '正式导入时只要有一行出错就不写入任何数据；全部无误时在一个事务中写入并记入审计日志。已导入过的行（索引号、申请编号或同一案件相同）自动跳过，重复导入同一文件不会产生重复记录。' +
      'template：输出某类台账的空白模板（表头）。退出码：0 成功，1 有错误行或执行失败，2 参数错误。',
    async run(args, io) {
      const [kind, ...rest] = args;
      const { isLedgerKind } = await import('../services/import-ledgers.ts');
      const { readLedger, writeLedgerCsv, LedgerFileError } = await import('../documents/ledger-xlsx.ts');
      if (kind === 'template') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' } } });
        const which = positionals[0];
        if (!isLedgerKind(which)) {
          io.err(`台账类型应为 items、requests 或 appeals。用法：${commands.import!.usage}`);
          return 2;
        }
        const { LEDGER_COLUMNS } = await import('../services/import-ledgers.ts');
        const headers = LEDGER_COLUMNS[which].map((c) => c.header);
        if (values.out?.endsWith('.xlsx')) {
          // The same template as the console's: headers, an example row and a sheet explaining every column.
          const { ledgerTemplate } = await import('../services/export-ledgers.ts');
          const { writeLedgerTemplateXlsx } = await import('../documents/ledger-template.ts');
          const { LEDGER_KIND_LABELS } = await import('../services/import-ledgers.ts');
          const t = ledgerTemplate(which);
          await writeFile(values.out, await writeLedgerTemplateXlsx({ title: LEDGER_KIND_LABELS[which], headers: t.headers, example: t.rows[0] ?? [], columns: t.columns }));
          io.out(`已写入 ${values.out}`);
        } else if (values.out) {
          await writeFile(values.out, writeLedgerCsv(headers, []));
          io.out(`已写入 ${values.out}`);
        } else io.out(LEDGER_COLUMNS[which].map((c) => `${c.header}${c.required ? '（必填）' : ''}${c.note ? '：' + c.note : ''}`).join('\n'));
        return 0;
      }
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { agency: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
      const file = positionals[0];
      if (!isLedgerKind(kind) || !file || !values.agency) {
        io.err(`${!isLedgerKind(kind) ? '台账类型应为 items、requests 或 appeals' : !file ? '缺少文件' : '缺少参数 --agency'}。用法：${commands.import!.usage}`);
        return 2;
      }
      const bytes = await readFile(file).catch(() => {
        throw new ServiceError(`无法读取文件：${file}`, 400);
      });
      let table;
      try {
        table = await readLedger(bytes);
      } catch (e) {
        if (e instanceof LedgerFileError) {
          io.err(e.message);
          return 1;
        }
        throw e;
      }
      const { createHash } = await import('node:crypto');
      return withApp(io, async (app) => {
        const agency = await findAgency(app, values.agency!);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const report = await app.services.ledgers.importLedger(cliActor(agency), kind, table, {
          agencyId: agency.id,
          dryRun: values['dry-run'] ?? false,
          source: { fileName: file.split(/[\\/]/).pop() ?? file, sha256: createHash('sha256').update(bytes).digest('hex') },
        });
        for (const w of report.warnings) io.err(`提示：${w.line ? `第 ${w.line} 行：` : ''}${w.message}`);
        for (const e of report.errors) io.err(`错误：${e.line ? `第 ${e.line} 行：` : ''}${e.message}`);
        const summary = `共 ${report.total} 行：${report.dryRun || !report.committed ? '可导入' : '已导入'} ${report.created} 行，已存在而跳过 ${report.duplicates.length} 行，错误 ${report.errors.length} 处。`;
        if (report.errors.length > 0) {
          io.out(`${summary}${report.dryRun ? '' : '有错误，未写入任何数据。'}`);
          return 1;
        }
        io.out(report.dryRun ? `${summary}（试导入，未写入。去掉 --dry-run 正式导入。）` : summary);
        return 0;
      });
    },
  },
  export: {
    summary: '导出台账：主动公开信息、依申请公开记录或复议诉讼案件（XLSX/CSV）',
    usage: 'gongkai export items|requests|appeals --agency 机构名称或ID --out 文件.xlsx|文件.csv [--year 年度]',
    help: '导出机构（含下级）的台账，列与导入格式相同，导出的文件可直接再导入（已存在的记录会被跳过）。文件名以 .xlsx 结尾时导出 Excel，否则导出 CSV（UTF-8，带 BOM）。',
    async run(args, io) {
      const [kind, ...rest] = args;
      const { isLedgerKind } = await import('../services/import-ledgers.ts');
      const { values } = parseArgs({ args: rest, options: { agency: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' } } });
      if (!isLedgerKind(kind) || !values.agency || !values.out) {
        io.err(`${!isLedgerKind(kind) ? '台账类型应为 items、requests 或 appeals' : !values.agency ? '缺少参数 --agency' : '缺少参数 --out'}。用法：${commands.export!.usage}`);
        return 2;
      }
      if (values.year !== undefined && !/^\d{4}$/.test(values.year)) {
        io.err(`年度“${values.year}”无效。`);
        return 2;
      }
      const { writeLedgerCsv, writeLedgerXlsx } = await import('../documents/ledger-xlsx.ts');
      return withApp(io, async (app) => {
        const agency = await findAgency(app, values.agency!);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const t = await app.services.ledgers.exportLedger(cliActor(agency), kind, agency.id, { system: true, ...(values.year && { year: Number(values.year) }) });
        await writeFile(values.out!, values.out!.endsWith('.xlsx') ? await writeLedgerXlsx('台账', t.headers, t.rows) : writeLedgerCsv(t.headers, t.rows));
        io.out(`已导出 ${t.rows.length} 行到 ${values.out}`);
        return 0;
      });
    },
  },
  backup: {
    summary: '备份一个机构（含下级）的全部数据为 JSON 文件',
    usage: 'gongkai backup --agency 机构名称或ID --out 文件.json',
    help: '备份机构及其下级的机构、用户（含密码哈希，文件须妥善保管）、信息（各版本、流程事件、审查记录、附件文件）、依申请公开（含事件）、复议诉讼、年度报告、工作日历和机构设置。不含会话、审计日志、发送队列和渠道密钥。用 gongkai restore 恢复到空数据库。',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { agency: { type: 'string' }, out: { type: 'string' } } });
      if (!values.agency || !values.out) {
        io.err(`缺少参数 ${!values.agency ? '--agency' : '--out'}。用法：${commands.backup!.usage}`);
        return 2;
      }
      return withApp(io, async (app) => {
        const agency = await findAgency(app, values.agency!);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const backup = await app.services.backup.backup(cliActor(agency), agency.id, { system: true });
        await writePrivateFile(values.out!, JSON.stringify(backup));
        io.out(`已备份 ${agency.name}：${Object.entries(backup.counts).map(([t, n]) => `${t} ${n}`).join('，')}。写入 ${values.out}`);
        if (backup.containsPasswordHashes) io.err('注意：备份文件包含用户密码哈希，请按数据库同等级别保管。');
        return 0;
      });
    },
  },
  restore: {
    summary: '把 gongkai backup 的文件恢复到空数据库',
    usage: 'gongkai restore 文件.json [--accept-unverified]',
    help:
      '只能恢复到空数据库（没有机构、用户、信息、申请）：先迁移好数据库（gongkai migrate），不要运行 demo 或首次启动建管理员。全部数据在一个事务中写入并记入审计日志；校验文件摘要和签名（用 GONGKAI_SECRET_KEY 或 secret.key 派生的密钥），文件被改动或签名不符时拒绝恢复。' +
      '在新服务器上恢复，请先设置与备份时相同的 GONGKAI_SECRET_KEY（或复制 secret.key）。确认文件来源可靠而签名无法校验时（如旧版本的备份、密钥已丢失），可加 --accept-unverified 跳过签名校验，此事记入审计日志。',
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'accept-unverified': { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) {
        io.err(`缺少文件。用法：${commands.restore!.usage}`);
        return 2;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readInput(io, file)) as unknown;
      } catch (e) {
        if (e instanceof ServiceError) throw e;
        io.err(`备份文件不是有效的 JSON：${file}`);
        return 1;
      }
      return withApp(io, async (app) => {
        const result = await app.services.backup.restore({ ...SYSTEM_ACTOR, label: '系统（命令行恢复）' }, parsed, { acceptUnverified: values['accept-unverified'] === true });
        if (!result.macVerified) io.err('注意：已按 --accept-unverified 跳过备份签名校验，并记入审计日志。');
        io.out(`已恢复 ${result.agency}：${Object.entries(result.counts).map(([t, n]) => `${t} ${n}`).join('，')}。`);
        return 0;
      });
    },
  },
  assess: {
    summary: '政务公开考核：按考核细则为下级单位评分、排名（JSON/XLSX）',
    usage: 'gongkai assess --agency 考核机关名称或ID --rubric 细则.json [--comments 评语.json] [--out 文件.xlsx|文件.docx|文件.json]',
    help:
      '细则 JSON：{"name":"2025年度考核","fromOn":"2025-01-01","toOn":"2025-12-31","indicators":[{"indicator":"on_time_publication_rate","weight":30,"rule":{"kind":"ratio","full":100,"zero":80}},…]}。' +
      '指标：on_time_publication_rate（主动公开及时率）、on_time_reply_rate（按期答复率）、catalogue_completeness（目录要素完整率）、update_frequency（月均发布条数）、interpretations_per_policy（政策解读率）、corrections（被纠错数）、overdue_requests（逾期申请数）、overdue_items（超期未公开信息数）；各项 weight 之和应为 100。' +
      '规则：ratio（测量值达到 full 得满分、不高于 zero 得零分，之间按比例）、deduct（每件扣 each 分，扣完为止；只用于计数指标）、threshold（达到 pass 得满分，否则不得分）。评语 JSON：{"单位名称或ID":"评语"}。默认输出 JSON，含每项得分的依据和扣分事实。',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { agency: { type: 'string' }, rubric: { type: 'string' }, comments: { type: 'string' }, out: { type: 'string' } } });
      if (!values.agency || !values.rubric) {
        io.err(`缺少参数 ${!values.agency ? '--agency' : '--rubric'}。用法：${commands.assess!.usage}`);
        return 2;
      }
      let rubric: unknown;
      let comments: Record<string, string> | undefined;
      try {
        rubric = JSON.parse(await readInput(io, values.rubric)) as unknown;
        if (values.comments) comments = JSON.parse(await readInput(io, values.comments)) as Record<string, string>;
      } catch (e) {
        if (e instanceof ServiceError) throw e;
        io.err('考核细则或评语文件不是有效的 JSON。');
        return 2;
      }
      return withApp(io, async (app) => {
        const agency = await findAgency(app, values.agency!);
        if (!agency) {
          io.err(`找不到机构：${values.agency}`);
          return 1;
        }
        const result = await app.services.assessment.assess(cliActor(agency), agency.id, rubric, { system: true, ...(comments && { comments }) });
        if (values.out?.endsWith('.xlsx')) {
          const { renderAssessmentXlsx } = await import('../documents/assessment-xlsx.ts');
          await writeFile(values.out, await renderAssessmentXlsx(result));
          io.out(`已写入 ${values.out}`);
        } else if (values.out?.endsWith('.docx')) {
          const { renderAssessmentDocx } = await import('../documents/assessment-docx.ts');
          await writeFile(values.out, await renderAssessmentDocx(result));
          io.out(`已写入 ${values.out}`);
        } else if (values.out) {
          await writeFile(values.out, JSON.stringify(result, null, 2));
          io.out(`已写入 ${values.out}`);
        } else io.out(JSON.stringify(result, null, 2));
        return 0;
      });
    },
  },
  audit: {
    summary: '审计日志：gongkai audit verify | anchor',
    usage: 'gongkai audit verify [--anchor 锚点]    gongkai audit anchor',
    help:
      'verify：逐条校验审计日志的哈希链；链条完整时退出码为 0，否则指出第一条被改动或删除的记录并以 1 退出。' +
      'anchor：打印当前链头的签名锚点（序号、哈希、时间、校验码，一行文字），请抄录或打印后保存在系统之外（如公开办的纸质台账）；' +
      '以后用 verify --anchor "锚点" 核对：锚点签名有效、该序号的记录仍是该哈希、整条链完整，才以 0 退出。能改数据库的人可以重算整条哈希链，但无法让锚点对上。',
    async run(args, io) {
      const sub = args[0];
      if (sub !== 'verify' && sub !== 'anchor') {
        io.err(`未知的子命令：${sub ?? '（空）'}。用法：${commands.audit!.usage}`);
        return 2;
      }
      const { values } = parseArgs({ args: args.slice(1), options: { anchor: { type: 'string' } } });
      if (sub === 'anchor') {
        return withApp(io, async (app) => {
          const { anchor, text } = await app.services.audit.anchor();
          io.out(text);
          io.err(`审计锚点：第 ${anchor.seq} 条记录，${anchor.at}。请把上面一行保存在系统之外，以后用 gongkai audit verify --anchor "…" 核对。`);
          return 0;
        });
      }
      return withApp(io, async (app) => {
        if (values.anchor !== undefined) {
          const result = await app.services.audit.verifyAnchor(values.anchor);
          if (result.ok) {
            io.out(`审计日志与锚点相符：第 ${result.anchor.seq} 条记录的哈希未变，锚点签名有效；已校验 ${result.checked} 条记录。`);
            return 0;
          }
          io.err(`审计日志与锚点不符：${result.problem!.message}`);
          return 1;
        }
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
