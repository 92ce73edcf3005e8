/** The console home: the office dashboard and the modules the user's roles open. */
import { Hono } from 'hono';
import { can, ROLE_LABELS } from '../../domain/access/roles.ts';
import type { Dashboard } from '../../services/office-dashboard.ts';
import { BarChart } from '../views/charts.tsx';
import { TREND_PERMISSIONS } from '../../services/build-trends.ts';
import type { AppEnv } from '../context.ts';
import { ConsolePage, visibleModules } from './console-page.tsx';
import { formatLocal } from '../../services/sign-in.ts';
import { DELIVERY_VIEW_PERMISSIONS } from '../../services/manage-deliveries.ts';

// Descriptions of modules that have their own routes, for the home page's cards.
const DESCRIPTIONS: Record<string, string> = {
  '/console/assessment': '按考核细则（指标、分值、评分规则、考核期）由记录为所属单位评分、排名，每项得分可查看所依据的记录，填写评语，导出 Word、Excel。',
  '/console/trends': '按月、按年的主动公开信息发布（按主题分类、按单位）、申请收到与办结（按渠道、按办理结果）、按期答复率和平均答复工作日，图表配数据表。',
  '/console/reports': '由本机关及所属单位的数据编制政府信息公开工作年度报告（2021/2019/2008 格式），勾稽校验、定稿、发布，导出 Word、HTML、CSV、JSON。',
  '/console/requests': '申请的接收、登记、审查、办理、审核、答复、送达与归档（条例第四十五条），按法定工作日计算答复期限，生成答复文书；行政复议、诉讼台账。',
  '/console/items': '登记政府信息（索引号、文号、发布机构、生成日期、主题分类、有效性），源头认定公开属性，敏感信息检测与保密审查、领导审批后按条例第二十六条在 20 个工作日内发布。',
  '/console/calendar': '国务院办公厅每年发布的节假日安排（含调休上班日），所有法定期限据此按工作日计算；可录入、导入并查看历史版本。',
  '/console/deadline': '输入收到申请的方式和日期、补正、征求意见、延期等情况，得出答复期限和逐日计算过程。',
  '/console/agencies': '本机关及所属站所、村（社区）：名称、统一社会信用代码、地址、电话、办公时间等（公开指南据此生成）。',
  '/console/users': '工作人员账号与角色（信息员、保密审查员、分管领导、公开办工作人员、系统管理员）。',
  '/console/audit': '每一次状态变更的防篡改记录，可随时校验哈希链。',
  '/console/deliveries': '微信公众号、政务微博、短信、电子邮件和信息公开栏的发送记录：失败重试、取消，各渠道发送条数（年度报告引用），公开栏张贴单，一周一更新检查。',
  '/console/deliveries/settings': '各机构在微信公众号、政务微博、短信网关、电子邮件和信息公开栏的账号；密码和密钥加密保存，不回显。',
};

/** Routes for /console. */
export function homeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const user = c.get('user')!;
    const modules = visibleModules(c).filter((m) => m.href !== '/console');
    const grants = c.get('actor')!.grants;
    const works = ['item.draft', 'item.review', 'item.approve', 'request.handle', 'request.approve'].some((p) => can(grants, p as never));
    const dashboard = works ? await c.get('services').dashboard(c.get('actor')!) : undefined;
    return c.html(
      <ConsolePage c={c} title="工作台">
        <h1>工作台</h1>
        {c.req.query('saved') === 'password' && (
          <div class="notice ok" role="status">
            <p>新密码已保存。</p>
          </div>
        )}
        <p>
          您好，{user.displayName}。您的角色：{[...new Set(user.grants.map((g) => ROLE_LABELS[g.role]))].join('、') || '（无）'}。
        </p>
        {dashboard && <DashboardView dashboard={dashboard} showTrends={TREND_PERMISSIONS.some((p) => can(grants, p))} showChannels={DELIVERY_VIEW_PERMISSIONS.some((p) => can(grants, p))} />}
        <div class="grid">
          {modules.map((m) => (
            <article class="card">
              <h2>
                <a href={m.href}>{m.label}</a>
              </h2>
              <p>{DESCRIPTIONS[m.href] ?? ''}</p>
            </article>
          ))}
        </div>
      </ConsolePage>,
    );
  });

  return app;
}

function Num(props: { n: number; href: string; warn?: boolean }) {
  if (props.n === 0) return <span>0</span>;
  return (
    <a href={props.href}>
      {props.warn ? <strong>{props.n}</strong> : props.n}
    </a>
  );
}

function DashboardView(props: { dashboard: Dashboard; showTrends: boolean; showChannels: boolean }) {
  const { units, publishedByMonth } = props.dashboard;
  return (
    <section aria-labelledby="dash-heading">
      <h2 id="dash-heading">各单位待办</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">各单位待办事项（点击数字查看清单）</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">待保密审查</th>
              <th scope="col">待领导审批</th>
              <th scope="col">待发布</th>
              <th scope="col">公开已超期</th>
              <th scope="col">办理中申请</th>
              <th scope="col">本周到期</th>
              <th scope="col">申请已超期</th>
              {props.showChannels && <th scope="col">渠道一周未更新</th>}
              {props.showChannels && <th scope="col">公开栏本月未打印</th>}
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr>
                <th scope="row">{u.agency.name}</th>
                <td><Num n={u.awaitingReview} href="/console/items?tab=review" /></td>
                <td><Num n={u.awaitingApproval} href="/console/items?tab=approval" /></td>
                <td><Num n={u.readyToPublish} href="/console/items?tab=ready" /></td>
                <td><Num n={u.publicationOverdue} href="/console/items?tab=todo" warn /></td>
                <td><Num n={u.requestsOpen} href="/console/requests?queue=open" /></td>
                <td><Num n={u.requestsDueThisWeek} href="/console/requests?queue=week" /></td>
                <td><Num n={u.requestsOverdue} href="/console/requests?queue=overdue" warn /></td>
                {props.showChannels && <td><Num n={u.channelsStale} href={`/console/deliveries/stale?agency=${u.agency.id}`} warn /></td>}
                {props.showChannels && <td><Num n={u.noticeBoardUnprinted} href={`/console/deliveries?agency=${u.agency.id}&channel=notice_board`} warn /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.showChannels && (
        <p class="hint">
          “渠道一周未更新”：已启用的微信公众号、政务微博和信息公开栏一周内没有发布（一周一更新），每天检查一次；
          {props.dashboard.staleCheckedAt ? `最近检查于 ${formatLocal(props.dashboard.staleCheckedAt)}（北京时间）。` : '尚未检查。'}
          <a href="/console/deliveries/stale">查看清单</a>
        </p>
      )}
      <BarChart id="chart-published-12m" title="近 12 个月每月发布的主动公开信息" unit="条" data={publishedByMonth.map((m) => ({ label: m.month.slice(2).replace('-', '.'), value: m.count }))} />
      {props.showTrends && (
        <p>
          <a href="/console/trends">查看按月、按年的发布、申请办理和按期答复趋势</a>
        </p>
      )}
    </section>
  );
}
