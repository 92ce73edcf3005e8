/** The audit log (审计日志): recent entries and a check of the hash chain. */
import { Hono, type Context } from 'hono';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';
import { can } from '../../domain/access/roles.ts';
import type { AuditVerification } from '../../services/verify-audit-log.ts';

const PAGE_SIZE = 50;

const ACTION_LABELS: Record<string, string> = {
  create: '创建',
  update: '修改',
  set_roles: '设置角色',
  reset_password: '重置密码',
  disable: '停用',
  enable: '启用',
  login: '登录',
  logout: '退出',
  login_failed: '登录失败',
  lock: '锁定账号',
  change_password: '修改密码',
  delete: '删除',
};

/** Routes under /console/audit. */
export function auditRoutes() {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, verification?: AuditVerification) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const pageNo = Math.max(1, Number(c.req.query('page') ?? '1') || 1);
    const { entries, total } = await services.audit.visible(actor, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE);
    return c.html(
      <ConsolePage c={c} title="审计日志">
        <h1>审计日志</h1>
        <p>
          每一次状态变更都与其审计记录在同一事务中写入；每条记录带有自身内容与前一条记录的 SHA-256 哈希，任何绕过系统的改动或删除都会在校验时被发现。这里列出您所管辖机构的记录，共 {total} 条。
        </p>
        {verification && (
          <div class={`notice ${verification.ok ? 'ok' : 'bad'}`} role="status">
            <p>{verification.ok ? `校验通过：${verification.checked} 条记录的哈希链完整。` : `校验失败：${verification.problem!.message}。`}</p>
          </div>
        )}
        {can(actor.grants, 'audit.verify') && (
          <form method="post" action="/console/audit/verify" class="actions">
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit">校验哈希链</button>
          </form>
        )}
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">审计记录（最新在前）</caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间（北京时间）</th>
                <th scope="col">操作人</th>
                <th scope="col">对象</th>
                <th scope="col">操作</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{e.seq}</td>
                  <td>{formatLocal(e.at)}</td>
                  <td>{e.actorLabel}</td>
                  <td>
                    {e.entity} #{e.entityId}
                  </td>
                  <td>{ACTION_LABELS[e.action] ?? e.action}</td>
                  <td class="mono">{e.change.length > 300 ? e.change.slice(0, 300) + '…' : e.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav class="actions" aria-label="分页">
          {pageNo > 1 && <a href={`/console/audit?page=${pageNo - 1}`}>上一页</a>}
          <span>第 {pageNo} 页</span>
          {pageNo * PAGE_SIZE < total && <a href={`/console/audit?page=${pageNo + 1}`}>下一页</a>}
        </nav>
      </ConsolePage>,
    );
  };

  app.get('/', (c) => page(c));
  app.post('/verify', async (c) => page(c, await c.get('services').audit.verify(c.get('actor')!)));
  return app;
}
