/** The console's page shell: navigation by role, the signed-in user, sign-out. */
import type { Context } from 'hono';
import { can, ROLE_LABELS, type Permission } from '../../domain/access/roles.ts';
import type { AppEnv } from '../context.ts';
import { CsrfField, Layout } from '../views/layout.tsx';
import { RESUBMITTED_PARAM } from '../middleware/single-submission.ts';

export interface ConsoleModule {
  href: string;
  label: string;
  /** Any of these permissions shows the entry. */
  anyOf: Permission[];
  group: '工作' | '管理' | '账号';
}

/** The console's modules; what a user sees follows from their roles. */
export const CONSOLE_MODULES: readonly ConsoleModule[] = [
  { href: '/console', label: '工作台首页', anyOf: ['console.enter'], group: '工作' },
  { href: '/console/items', label: '主动公开信息', anyOf: ['item.draft', 'item.review', 'item.approve'], group: '工作' },
  { href: '/console/requests', label: '依申请公开', anyOf: ['request.handle', 'request.approve'], group: '工作' },
  { href: '/console/reports', label: '年度报告', anyOf: ['report.compile'], group: '工作' },
  { href: '/console/deliveries', label: '发布渠道', anyOf: ['item.draft', 'item.approve', 'request.handle', 'report.compile'], group: '工作' },
  { href: '/console/assessment', label: '考核评估', anyOf: ['report.compile'], group: '工作' },
  { href: '/console/trends', label: '统计分析', anyOf: ['report.compile', 'item.approve', 'request.approve'], group: '工作' },
  { href: '/console/ledgers', label: '台账导入导出', anyOf: ['ledger.import'], group: '工作' },
  { href: '/console/deadline', label: '期限计算器', anyOf: ['console.enter'], group: '工作' },
  { href: '/console/calendar', label: '工作日历', anyOf: ['calendar.manage'], group: '管理' },
  { href: '/console/agencies', label: '机构管理', anyOf: ['agency.manage'], group: '管理' },
  { href: '/console/deliveries/settings', label: '渠道账号', anyOf: ['agency.manage'], group: '管理' },
  { href: '/console/vocabularies', label: '信息分类设置', anyOf: ['vocabulary.manage'], group: '管理' },
  { href: '/console/users', label: '用户管理', anyOf: ['user.manage'], group: '管理' },
  { href: '/console/audit', label: '审计日志', anyOf: ['audit.view'], group: '管理' },
  { href: '/console/account/password', label: '修改密码', anyOf: ['console.enter'], group: '账号' },
];

/** The modules a signed-in user may open. */
export function visibleModules(c: Context<AppEnv>): ConsoleModule[] {
  const grants = c.get('actor')?.grants ?? [];
  return CONSOLE_MODULES.filter((m) => m.anyOf.some((p) => can(grants, p)));
}

/** A console page with side navigation. */
export function ConsolePage(props: { c: Context<AppEnv>; title: string; children?: unknown }) {
  const { c } = props;
  const user = c.get('user');
  const modules = user ? visibleModules(c) : [];
  const groups = ['工作', '管理', '账号'] as const;
  const current = c.req.path;
  return (
    <Layout
      title={props.title}
      siteName="Gongkai 政府信息公开工作台"
      homeHref="/console"
      nav={[]}
      largeText={c.get('largeText')}
      path={current}
      skipTo={user ? 'content' : undefined}
      tools={
        user ? (
          <>
            <span>
              {user.displayName}
              <span class="visually-hidden">（已登录）</span>
            </span>
            <form method="post" action="/console/logout" class="inline-form">
              <CsrfField token={c.get('csrfToken')} />
              <button type="submit" class="secondary">退出登录</button>
            </form>
          </>
        ) : (
          <a href="/">返回门户</a>
        )
      }
      footer={<p>Gongkai · 依据《中华人民共和国政府信息公开条例》（2019年修订）</p>}
    >
      {user ? (
        <div class="console-layout">
          <nav class="side-nav" aria-label="工作台导航">
            {groups.map((g) => {
              const items = modules.filter((m) => m.group === g);
              return items.length === 0 ? null : (
                <>
                  <h2>{g}</h2>
                  <ul>
                    {items.map((m) => (
                      <li>
                        <a href={m.href} aria-current={m.href === current ? 'page' : undefined}>
                          {m.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              );
            })}
          </nav>
          <div id="content" tabindex={-1}>
            {c.req.query(RESUBMITTED_PARAM) === '1' && (
              <div class="notice" role="status">
                <p>这份表单刚才已经提交过，这次没有重复执行。下面是当前的情况，请核对后再决定是否需要继续操作。</p>
              </div>
            )}
            {props.children as never}
          </div>
        </div>
      ) : (
        (props.children as never)
      )}
    </Layout>
  );
}

/** A user's roles as readable text, e.g. “公开办工作人员（黔城镇人民政府）”. */
export function describeGrants(grants: ReadonlyArray<{ role: keyof typeof ROLE_LABELS; agencyId: number }>, agencyName: (id: number) => string): string {
  if (grants.length === 0) return '（无角色）';
  return grants.map((g) => `${ROLE_LABELS[g.role]}（${agencyName(g.agencyId)}）`).join('、');
}
