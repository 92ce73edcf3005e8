/**
 * 主动公开信息 in the console: the lists (by workflow stage, with the 20-working-day queue of
 * 条例第二十六条), the editor, and the item page with the actions each role may take — the
 * reviewer's screen shows every privacy/confidentiality finding highlighted in its context.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import {
  classifyPublicationQueue,
  ITEM_STATUS_LABELS,
  QUEUE_CLASS_LABELS,
  kindLabelOf,
  labelPathOf,
  type ItemState,
  type SourcedDecision,
  type SourcedFinding,
} from '../../domain/publishing/index.ts';
import { htmlToText } from '../../domain/privacy/index.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { NotFoundError, ServiceError, ValidationError } from '../../services/errors.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, fields, readForm } from '../forms.ts';
import { CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';
import { ItemForm, itemInputOf, itemValuesFrom, itemValuesOf, uploadsOf, type ItemFormValues } from './item-form.tsx';

const TABS = [
  { key: 'todo', label: '待我处理' },
  { key: 'draft', label: '草稿与退回', statuses: ['draft', 'returned'] },
  { key: 'review', label: '待保密审查', statuses: ['submitted', 'scanned'] },
  { key: 'approval', label: '待领导审批', statuses: ['reviewed'] },
  { key: 'ready', label: '待发布', statuses: ['approved', 'scheduled'] },
  { key: 'published', label: '已发布', statuses: ['published'] },
  { key: 'all', label: '全部' },
] as const;

function todoStatuses(c: Context<AppEnv>): string[] {
  const g = c.get('actor')!.grants;
  const out: string[] = [];
  if (can(g, 'item.draft')) out.push('draft', 'returned', 'approved');
  if (can(g, 'item.review')) out.push('submitted', 'scanned');
  if (can(g, 'item.approve')) out.push('reviewed', 'approved');
  return [...new Set(out)];
}

function errorsOf(e: unknown): Record<string, string> {
  if (e instanceof ValidationError) return { ...e.fieldErrors, _: e.message };
  if (e instanceof ServiceError) return { _: e.message };
  throw e;
}

/** How far the console's item lists count (“共 10000 条以上” beyond). */
const STAFF_COUNT_CAP = 10_000;

/** Routes under /console/items. */
export function itemRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const tabKey = c.req.query('tab') ?? 'todo';
    const tab = TABS.find((t) => t.key === tabKey) ?? TABS[0];
    const statuses = tab.key === 'todo' ? todoStatuses(c) : 'statuses' in tab ? [...tab.statuses] : undefined;
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    // Counted up to a cap, as the portal's lists are (a county's register holds hundreds of thousands);
    // the queue below needs no count at all.
    const [{ total, items, capped }, pending] = await Promise.all([
      services.items.listForStaff(actor, { statuses, limit: 50, offset: (page - 1) * 50, countCap: STAFF_COUNT_CAP }),
      services.items.listForStaff(actor, { statuses: ['draft', 'returned', 'submitted', 'scanned', 'reviewed', 'approved', 'scheduled'], limit: 500, countCap: 0 }),
    ]);
    const { calendar } = await services.calendar.current();
    const today = chinaDateOf(services.deps.clock.now());
    const queue = classifyPublicationQueue(
      calendar,
      pending.items.map((i) => ({ id: i.id, version: i.version, status: i.status, attribute: i.disclosure?.attribute ?? null, formedOn: i.formedOn, changedOn: i.changedOn, publishedOn: i.publishedOn })),
      today,
    ).filter((q) => q.class === 'overdue' || q.class === 'due_soon');
    const titles = new Map(pending.items.map((i) => [i.id, i.title]));
    const vocabulariesAt = services.vocabularies.labeller();
    const kindLabels = new Map<string, string>();
    for (const i of items) kindLabels.set(i.id, kindLabelOf((await vocabulariesAt(i.agencyPath)).kinds, i));
    return c.html(
      <ConsolePage c={c} title="主动公开信息">
        <h1>主动公开信息</h1>
        {can(actor.grants, 'item.draft') && (
          <p class="actions">
            <a class="button" href="/console/items/new">登记新信息</a>
          </p>
        )}
        {queue.length > 0 && (
          <section class="notice warn" aria-labelledby="queue-heading">
            <h2 id="queue-heading">公开期限提醒（条例第二十六条：形成或者变更之日起 20 个工作日内公开）</h2>
            <ul>
              {queue.map((q) => (
                <li>
                  <a href={`/console/items/${q.id}`}>{titles.get(q.id)}</a>：{QUEUE_CLASS_LABELS[q.class]}，期限 {q.dueOn}
                  {q.provisional ? '（暂定）' : ''}
                  {q.class === 'overdue' ? `，已超期 ${q.workdaysOverdue} 个工作日` : `，还剩 ${q.workdaysLeft} 个工作日`}
                </li>
              ))}
            </ul>
          </section>
        )}
        <nav aria-label="按状态筛选" class="actions">
          {TABS.map((t) => (
            <a href={`/console/items?tab=${t.key}`} aria-current={t.key === tab.key ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
        <div class="table-scroll">
          <table>
            <caption>
              {tab.label}（共 {total} 条{capped ? '以上' : ''}）
            </caption>
            <thead>
              <tr>
                <th scope="col">信息名称</th>
                <th scope="col">体裁</th>
                <th scope="col">生成日期</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <td>
                    <a href={`/console/items/${i.id}`}>{i.title}</a>
                  </td>
                  <td>{kindLabels.get(i.id)}</td>
                  <td>{i.formedOn}</td>
                  <td>
                    {ITEM_STATUS_LABELS[i.status]}
                    {i.version > 1 ? `（第 ${i.version} 版）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav class="actions" aria-label="分页">
          {page > 1 && <a href={`/console/items?tab=${tab.key}&page=${page - 1}`}>上一页</a>}
          {page * 50 < total && <a href={`/console/items?tab=${tab.key}&page=${page + 1}`}>下一页</a>}
        </nav>
      </ConsolePage>,
    );
  });

  const draftAgencies = async (c: Context<AppEnv>) => {
    const all = await c.get('services').agencies.all();
    return all.filter((a) => can(c.get('actor')!.grants, 'item.draft', a.path));
  };

  app.get('/new', async (c) => {
    const agencies = await draftAgencies(c);
    if (agencies.length === 0) throw new ServiceError('您没有起草信息的权限', 403);
    const today = chinaDateOf(c.get('services').deps.clock.now());
    const own = agencies.find((a) => a.id === c.get('user')!.agencyId) ?? agencies[0]!;
    const vocabularies = await c.get('services').vocabularies.forAgency(own.id);
    const values: ItemFormValues = { agencyId: String(own.id), formedOn: today, genre: 'notice', categoryCode: 'general_affairs', attribute: 'proactive', hasElectronicFullText: '1' };
    return c.html(
      <ConsolePage c={c} title="登记新信息">
        <h1>登记新信息</h1>
        <ItemForm c={c} action="/console/items/new" values={values} errors={{}} agencies={agencies} vocabularies={vocabularies} />
      </ConsolePage>,
    );
  });

  app.post('/new', async (c) => {
    const form = await readForm(c);
    const values = itemValuesOf(form);
    try {
      const created = await c.get('services').items.create(c.get('actor')!, Number(values.agencyId), itemInputOf(values), await uploadsOf(form));
      return c.redirect(`/console/items/${created.id}?saved=1`, 303);
    } catch (e) {
      const errors = errorsOf(e);
      if (e instanceof ServiceError && e.status === 403) throw e;
      return c.html(
        <ConsolePage c={c} title="登记新信息">
          <h1>登记新信息</h1>
          <ItemForm c={c} action="/console/items/new" values={values} errors={errors} agencies={await draftAgencies(c)} vocabularies={await c.get('services').vocabularies.forAgency(Number(values.agencyId))} />
        </ConsolePage>,
        400,
      );
    }
  });

  app.get('/:id{[0-9]+}', async (c) => {
    const data = await c.get('services').items.get(c.get('actor')!, Number(c.req.param('id')));
    const review = await c.get('services').items.review(c.get('actor')!, Number(c.req.param('id')));
    return c.html(<ItemPage c={c} data={data} review={review} labels={await labelsOf(c, data.latest)} />);
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { latest } = await c.get('services').items.get(c.get('actor')!, Number(c.req.param('id')));
    return c.html(
      <ConsolePage c={c} title={`修改：${latest.title}`}>
        <h1>修改：{latest.title}</h1>
        <ItemForm c={c} action={`/console/items/${latest.id}/edit`} values={itemValuesFrom(latest)} errors={{}} attachments={latest.attachments} vocabularies={await c.get('services').vocabularies.forAgency(latest.agencyId)} current={latest} />
      </ConsolePage>,
    );
  });

  app.post('/:id{[0-9]+}/edit', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const values = itemValuesOf(form);
    try {
      await c.get('services').items.edit(c.get('actor')!, id, itemInputOf(values), await uploadsOf(form), fields(form, 'removeAttachment'));
      return c.redirect(`/console/items/${id}?saved=1`, 303);
    } catch (e) {
      if (e instanceof ServiceError && (e.status === 403 || e.status === 404)) throw e;
      const { latest } = await c.get('services').items.get(c.get('actor')!, id);
      return c.html(
        <ConsolePage c={c} title={`修改：${latest.title}`}>
          <h1>修改：{latest.title}</h1>
          <ItemForm c={c} action={`/console/items/${id}/edit`} values={values} errors={errorsOf(e)} attachments={latest.attachments} vocabularies={await c.get('services').vocabularies.forAgency(latest.agencyId)} current={latest} />
        </ConsolePage>,
        400,
      );
    }
  });

  // Workflow actions: each posts to /console/items/:id/<action> and comes back to the item page.
  app.post('/:id{[0-9]+}/:action{[a-z-]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const action = c.req.param('action');
    const form = await readForm(c);
    const items = c.get('services').items;
    const actor = c.get('actor')!;
    try {
      switch (action) {
        case 'submit':
          await items.submit(actor, id);
          break;
        case 'return':
          await items.returnToDrafter(actor, id, field(form, 'comments'));
          break;
        case 'pass-review':
          await items.passReview(actor, id);
          break;
        case 'approve':
          await items.approve(actor, id);
          break;
        case 'publish':
          await items.publish(actor, id, fields(form, 'together'));
          break;
        case 'schedule': {
          // The form gives Beijing local time (datetime-local); the workflow stores an instant.
          const local = field(form, 'publishAt');
          const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? new Date(Date.parse(`${local}:00+08:00`)).toISOString() : local;
          await items.schedule(actor, id, instant);
          break;
        }
        case 'revise':
          await items.revise(actor, id, field(form, 'changedOn'));
          break;
        case 'withdraw':
          await items.withdraw(actor, id, field(form, 'reason'));
          break;
        case 'finding':
          if (field(form, 'decision') === 'checked') {
            // An attachment the scan could not read is cleared only by a reviewer who checked it by eye.
            if (field(form, 'confirmed') !== '1') throw new ValidationError('请先逐页人工核对该附件，勾选“我已逐页人工核对”，并写明核对情况。');
            await items.decideFinding(actor, id, field(form, 'findingId'), 'checked', field(form, 'reason'));
          } else {
            await items.decideFinding(actor, id, field(form, 'findingId'), field(form, 'decision') === 'mask' ? 'mask' : 'intended', field(form, 'reason'));
          }
          break;
        default:
          throw new NotFoundError('未知的操作');
      }
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      const data = await items.get(actor, id);
      const review = await items.review(actor, id);
      return c.html(<ItemPage c={c} data={data} review={review} labels={await labelsOf(c, data.latest)} error={e.message} />, e.status === 403 ? 403 : 409);
    }
    return c.redirect(`/console/items/${id}?done=${action}`, 303);
  });

  return app;
}

type ItemData = Awaited<ReturnType<AppEnv['Variables']['services']['items']['get']>>;

/** How many findings the review table lists at most (the page stays small whatever the attachment holds). */
const FINDINGS_LISTED = 300;

function FindingsTable(props: { c: Context<AppEnv>; item: ItemState; findings: SourcedFinding[]; decisions: SourcedDecision[]; texts: Map<string, string>; canDecide: boolean }) {
  const decided = new Map(props.decisions.map((d) => [d.id, d]));
  const SOURCE_LABELS: Record<string, string> = { title: '信息名称', summary: '内容概述', body: '正文' };
  const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? `附件 ${props.item.attachments.find((a) => `attachment:${a.fileId}` === s)?.fileName ?? ''}`;
  const KIND_LABELS: Record<string, string> = { unreadable: '未能自动检测', id_card: '身份证号', mobile: '手机号', bank_card: '银行卡号', secret_marking: '密级标志', email: '个人邮箱', passport: '护照号', hk_macau_permit: '港澳通行证号', business_credit_code: '个体工商户信用代码', address: '家庭住址', sensitive_word: '敏感词' };
  const SEVERITY_LABELS: Record<string, string> = { block: '须处理', warn: '请核实', info: '提示' };
  const visible = props.findings.filter((f) => f.severity !== 'info');
  if (visible.length === 0) return <p class="notice ok">未发现身份证号、手机号、银行卡号、密级标志等敏感信息。</p>;
  // A file full of numbers can yield tens of thousands of findings: list the open ones first, and only so many.
  const shown = [...visible.filter((f) => !decided.has(f.id)), ...visible.filter((f) => decided.has(f.id))].slice(0, FINDINGS_LISTED);
  return (
    <div class="table-scroll">
      {visible.length > shown.length && (
        <p class="notice">
          共 {visible.length} 处发现，此处只列出前 {FINDINGS_LISTED} 处（未处理的在前）。发现这么多时，请把附件替换为脱敏后的文件并退回修改。
        </p>
      )}
      <table>
        <caption>敏感信息与涉密标志检测结果（共 {visible.length} 处）</caption>
        <thead>
          <tr>
            <th scope="col">位置</th>
            <th scope="col">类型</th>
            <th scope="col">上下文</th>
            <th scope="col">处理</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => {
            const text = props.texts.get(f.source) ?? '';
            const before = text.slice(Math.max(0, f.start - 20), f.start);
            const after = text.slice(f.end, f.end + 20);
            const d = decided.get(f.id);
            return (
              <tr>
                <td>{sourceLabel(f.source)}</td>
                <td>
                  {KIND_LABELS[f.kind] ?? f.kind}
                  <br />
                  <span class="badge">{SEVERITY_LABELS[f.severity]}</span>
                </td>
                {f.kind === 'unreadable' ? (
                  <td>{f.reason}</td>
                ) : (
                  <td>
                    …{before}
                    <mark>{f.text}</mark>
                    {after}…
                    <br />
                    打码后：<span class="mono">{f.masked}</span>
                  </td>
                )}
                <td>
                  {d ? (
                    <p>{d.action === 'mask' ? '已打码' : d.action === 'checked' ? `已人工核对：${d.reason}` : `确需公开：${d.reason}`}</p>
                  ) : props.canDecide && f.kind === 'unreadable' ? (
                    <form method="post" action={`/console/items/${props.item.id}/finding`} class="stack">
                      <CsrfField token={props.c.get('csrfToken')} />
                      <input type="hidden" name="findingId" value={f.id} />
                      <input type="hidden" name="decision" value="checked" />
                      <div>
                        <input type="checkbox" id={`confirm-${f.id}`} name="confirmed" value="1" required /> <label for={`confirm-${f.id}`}>我已逐页人工核对该附件</label>
                      </div>
                      <label for={`reason-${f.id}`}>核对情况（必填）</label>
                      <input type="text" id={`reason-${f.id}`} name="reason" required />
                      <button type="submit">确认已核对</button>
                    </form>
                  ) : props.canDecide ? (
                    <form method="post" action={`/console/items/${props.item.id}/finding`} class="stack">
                      <CsrfField token={props.c.get('csrfToken')} />
                      <input type="hidden" name="findingId" value={f.id} />
                      <fieldset>
                        <legend class="visually-hidden">处理 {f.masked}</legend>
                        <div>
                          <input type="radio" id={`mask-${f.id}`} name="decision" value="mask" checked /> <label for={`mask-${f.id}`}>打码</label>
                        </div>
                        <div>
                          <input type="radio" id={`int-${f.id}`} name="decision" value="intended" /> <label for={`int-${f.id}`}>确需公开</label>
                        </div>
                        <label for={`reason-${f.id}`}>理由（确需公开时必填）</label>
                        <input type="text" id={`reason-${f.id}`} name="reason" />
                      </fieldset>
                      <button type="submit">确定</button>
                    </form>
                  ) : (
                    <p>待保密审查员处理</p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** An item's 主题分类 and 体裁 as its agency's vocabularies name them. */
async function labelsOf(c: Context<AppEnv>, item: ItemState): Promise<{ category: string; kind: string }> {
  const vocabularies = await c.get('services').vocabularies.forAgency(item.agencyId);
  return { category: labelPathOf(vocabularies.categories, item.categoryCode), kind: kindLabelOf(vocabularies.kinds, item) };
}

function ItemPage(props: { c: Context<AppEnv>; data: ItemData; review: { findings: SourcedFinding[]; decisions: SourcedDecision[]; texts: Map<string, string> }; labels: { category: string; kind: string }; error?: string }) {
  const { c, data } = props;
  const item = data.latest;
  const g = c.get('actor')!.grants;
  const path = item.agencyPath;
  const canDraft = can(g, 'item.draft', path);
  const canReview = can(g, 'item.review', path);
  const canApprove = can(g, 'item.approve', path);
  const csrf = c.get('csrfToken');
  const done = c.req.query('done');
  return (
    <ConsolePage c={c} title={item.title}>
      <p class="breadcrumb">
        <a href="/console/items">主动公开信息</a>
      </p>
      <h1>{item.title}</h1>
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {(c.req.query('saved') || done) && (
        <div class="notice ok" role="status">
          <p>已保存。</p>
        </div>
      )}
      <dl class="contact">
        <dt>状态</dt>
        <dd>
          {ITEM_STATUS_LABELS[item.status]}（第 {item.version} 版）
        </dd>
        <dt>索引号</dt>
        <dd class="mono">{data.indexNumber ?? '发布时生成'}</dd>
        <dt>文号</dt>
        <dd>{item.documentNumber ?? '—'}</dd>
        <dt>生成日期</dt>
        <dd>{item.formedOn}</dd>
        <dt>主题分类</dt>
        <dd>{props.labels.category}</dd>
        <dt>体裁</dt>
        <dd>{props.labels.kind}</dd>
        {item.returned && item.status === 'returned' && (
          <>
            <dt>退回意见</dt>
            <dd>{item.returned.comments}</dd>
          </>
        )}
        {data.live && data.live.version !== item.version && (
          <>
            <dt>网站上的版本</dt>
            <dd>
              第 {data.live.version} 版，{data.live.publishedOn} 发布
            </dd>
          </>
        )}
      </dl>
      {(item.status === 'scanned' || item.status === 'submitted' || item.status === 'reviewed' || item.status === 'approved') && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">保密审查</h2>
          <FindingsTable c={c} item={item} findings={props.review.findings} decisions={props.review.decisions} texts={props.review.texts} canDecide={canReview && item.status === 'scanned'} />
        </section>
      )}
      <h2>操作</h2>
      <div class="actions">
        {canDraft && (item.status === 'draft' || item.status === 'returned') && (
          <>
            <a class="button secondary" href={`/console/items/${item.id}/edit`}>修改</a>
            <ActionButton id={item.id} action="submit" label="报送保密审查" csrf={csrf} />
          </>
        )}
        {canReview && item.status === 'scanned' && <ActionButton id={item.id} action="pass-review" label="保密审查通过" csrf={csrf} />}
        {canApprove && item.status === 'reviewed' && <ActionButton id={item.id} action="approve" label="批准发布" csrf={csrf} />}
        {(canDraft || canApprove) && (item.status === 'approved' || item.status === 'scheduled') && <ActionButton id={item.id} action="publish" label="立即发布" csrf={csrf} />}
      </div>
      {item.status === 'scheduled' && item.publishAt && <p>定于 {formatLocal(item.publishAt)}（北京时间）自动发布。</p>}
      {(canDraft || canApprove) && item.status === 'approved' && (
        <form method="post" action={`/console/items/${item.id}/schedule`} class="stack">
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-publishAt">定时发布（北京时间）</label>
            <input type="datetime-local" id="f-publishAt" name="publishAt" />
          </div>
          <button type="submit" class="secondary">定时发布</button>
        </form>
      )}
      {((canReview && (item.status === 'submitted' || item.status === 'scanned')) || (canApprove && (item.status === 'reviewed' || item.status === 'approved'))) && (
        <form method="post" action={`/console/items/${item.id}/return`} class="stack">
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-comments">退回修改的意见</label>
            <textarea id="f-comments" name="comments" rows={2}></textarea>
          </div>
          <button type="submit" class="secondary">退回修改</button>
        </form>
      )}
      {item.status === 'published' && canDraft && (
        <form method="post" action={`/console/items/${item.id}/revise`} class="stack">
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-changedOn">变更日期</label>
            <input type="date" id="f-changedOn" name="changedOn" value={chinaDateOf(c.get('services').deps.clock.now())} />
          </div>
          <button type="submit" class="secondary">修订（新版本，已发布版本保持可见）</button>
        </form>
      )}
      {item.status === 'published' && canApprove && (
        <form method="post" action={`/console/items/${item.id}/withdraw`} class="stack">
          <CsrfField token={csrf} />
          <div class="field">
            <label for="f-reason">撤回理由</label>
            <input type="text" id="f-reason" name="reason" />
          </div>
          <button type="submit" class="danger">撤回</button>
        </form>
      )}
      {item.status === 'published' && (
        <p>
          <a href={`/xxgk/items/${item.id}`}>在门户查看</a>
        </p>
      )}
      {data.live && (
        <p>
          <a href={`/console/deliveries?item=${item.id}`}>发布渠道发送记录（微信、微博、短信、邮件）</a>
        </p>
      )}
      <h2>正文（原文，仅工作人员可见）</h2>
      <div class="card">{htmlToText(item.bodyHtml) || '（无正文）'}</div>
      {item.attachments.length > 0 && (
        <>
          <h2>附件</h2>
          <ul>
            {item.attachments.map((a) => (
              <li>
                {a.fileName}（{Math.ceil(a.sizeBytes / 1024)} KB）
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>办理记录</h2>
      <ol>
        {data.events.map((e) => (
          <li>
            {formatLocal(e.at)} 第 {e.version} 版 {EVENT_LABELS[e.type] ?? e.type}
          </li>
        ))}
      </ol>
    </ConsolePage>
  );
}

const EVENT_LABELS: Record<string, string> = {
  Drafted: '起草',
  Edited: '修改',
  Submitted: '报送审查',
  Scanned: '完成敏感信息检测',
  Returned: '退回修改',
  Reviewed: '保密审查通过',
  Approved: '批准发布',
  Scheduled: '安排定时发布',
  Unscheduled: '取消定时发布',
  Published: '发布',
  Superseded: '被新版本替代',
  RevisionStarted: '开始修订',
  Withdrawn: '撤回',
  Expired: '到期下线',
};


function ActionButton(props: { id: string; action: string; label: string; csrf: string }) {
  return (
    <form method="post" action={`/console/items/${props.id}/${props.action}`} class="inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit">{props.label}</button>
    </form>
  );
}
