/**
 * Suggestions to publish proactively (条例第四十四条：“多个申请人就相同政府信息向同一行政机关提出公开申请，
 * 且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围”): the clusters of requests asking for the
 * same information (found by the similarity code of the requests domain), and the office's decision on
 * each — “转为主动公开”, which drafts an item prefilled from the requests for the normal review and
 * approval, or “不予采纳” with a reason. A decision covers the requests of the cluster as it stood; when
 * another applicant asks later, the cluster comes back with the new request. Audited, one transaction.
 */
import { isOpen, outcomeLabelZh } from '../domain/requests/index.ts';
import { requireAnyPermission, requirePermission } from './access-control.ts';
import { chinaDateOf } from './china-time.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import type { ItemService } from './manage-items.ts';
import type { RequestService } from './manage-requests.ts';
import type { Actor, Clock, Repositories, SuggestionDecision, UnitOfWork } from './ports.ts';

export interface SuggestionServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  requests: Pick<RequestService, 'proactiveSuggestions'>;
  items: Pick<ItemService, 'create'>;
}


/** Inside the deciding transaction: refuses a suggestion another submit (a double click, a second tab) has just decided. */
async function stillUndecided(repos: Repositories, agencyId: number, requestIds: readonly number[]): Promise<void> {
  await repos.suggestionDecisions.lock(agencyId);
  const decided = new Set((await repos.suggestionDecisions.list([agencyId])).flatMap((d) => d.requestIds));
  if (requestIds.every((id) => decided.has(id))) throw new ConflictError('该建议刚刚已处理，请刷新页面');
}

/** One cluster as the console lists it. */
export interface SuggestionView {
  agencyId: number;
  agencyName: string;
  requestIds: number[];
  trackingNumbers: readonly string[];
  applicantCount: number;
  example: string;
  documentNumbers: readonly string[];
  note: string;
  /** The requests of the cluster, for the officer to judge. */
  requests: Array<{ id: number; trackingNumber: string; description: string; receivedOn: string | null; outcomeLabel: string | null; open: boolean }>;
}

const MAX_TITLE = 200;

/** Creates the service of 第四十四条 suggestions. */
export function createSuggestionService(deps: SuggestionServiceDeps) {
  const now = () => {
    const n = deps.clock.now();
    return { at: n.toISOString(), today: chinaDateOf(n) };
  };

  /** The clusters not yet fully decided on, with the requests they hold. */
  async function open(actor: Actor): Promise<SuggestionView[]> {
    const clusters = await deps.requests.proactiveSuggestions(actor);
    const agencyIds = [...new Set(clusters.map((c) => c.agencyId))];
    const decided = new Set((await deps.uow.read.suggestionDecisions.list(agencyIds)).flatMap((d) => d.requestIds));
    const out: SuggestionView[] = [];
    for (const c of clusters) {
      if (c.requestIds.every((id) => decided.has(id))) continue;
      const agency = await deps.uow.read.agencies.findById(c.agencyId);
      const requests = [];
      for (const id of c.requestIds) {
        const r = await deps.uow.read.requests.find(id);
        if (!r) continue;
        requests.push({
          id,
          trackingNumber: r.trackingNumber,
          description: r.state.record.informationSought.description,
          receivedOn: r.state.receivedOn,
          outcomeLabel: r.state.outcome ? outcomeLabelZh(r.state.outcome) : null,
          open: isOpen(r.state.status),
        });
      }
      out.push({ agencyId: c.agencyId, agencyName: agency?.name ?? '', requestIds: c.requestIds, trackingNumbers: c.trackingNumbers, applicantCount: c.applicantCount, example: c.example, documentNumbers: c.documentNumbers, note: c.note, requests });
    }
    return out;
  }

  /** The current cluster with exactly these requests; a changed cluster must be looked at again. */
  async function clusterOf(actor: Actor, raw: unknown): Promise<SuggestionView> {
    const ids = (Array.isArray(raw) ? raw : [raw]).map((v) => Number(v)).filter((n) => Number.isSafeInteger(n) && n > 0);
    if (ids.length === 0) throw new ValidationError('请选择一组建议');
    const key = (list: readonly number[]) => [...list].sort((a, b) => a - b).join(',');
    const found = (await open(actor)).find((c) => key(c.requestIds) === key(ids));
    if (!found) throw new ConflictError('该组建议已处理或已有新的申请加入，请刷新页面后重新查看。');
    return found;
  }

  return {
    /** The open suggestions in the actor's agencies, most applicants first. */
    list: (actor: Actor) => {
      requireAnyPermission(actor, ['request.handle', 'request.approve']);
      return open(actor);
    },

    /** The decisions already taken in the actor's agencies, newest first. */
    async decisions(actor: Actor): Promise<SuggestionDecision[]> {
      requireAnyPermission(actor, ['request.handle', 'request.approve']);
      const agencies = await deps.uow.read.agencies.list();
      const inScope = agencies.filter((a) => actor.grants.some((g) => a.path.startsWith(g.agencyPath))).map((a) => a.id);
      return (await deps.uow.read.suggestionDecisions.list(inScope)).reverse();
    },

    /** “转为主动公开”: drafts an item prefilled from the requests (it then goes through review and approval) and marks the suggestion handled. */
    async publish(actor: Actor, requestIds: unknown): Promise<{ itemId: number; decision: SuggestionDecision }> {
      const cluster = await clusterOf(actor, requestIds);
      const agency = await deps.uow.read.agencies.findById(cluster.agencyId);
      if (!agency) throw new NotFoundError('找不到该机关');
      requirePermission(actor, 'request.handle', agency);
      requirePermission(actor, 'item.draft', agency);
      const { at, today } = now();
      return deps.uow.transaction(async (repos) => {
        await stillUndecided(repos, agency.id, cluster.requestIds);
        const title = cluster.example.length > MAX_TITLE ? `${cluster.example.slice(0, MAX_TITLE - 1)}…` : cluster.example;
        const numbers = cluster.trackingNumbers.join('、');
        const item = await deps.items.create(actor, agency.id, {
          title,
          summary: `${cluster.applicantCount}个申请人申请公开该信息（申请编号：${numbers}），依条例第四十四条转为主动公开。`,
          documentNumber: cluster.documentNumbers[0] ?? '',
          formedOn: today,
          categoryCode: 'general_affairs',
          genre: 'other',
          bodyHtml: `<p>（请在此填写或上传所公开的政府信息全文。）</p><p>来源：${cluster.applicantCount}个申请人就相同政府信息提出公开申请（${numbers}）。</p>`,
          disclosure: { attribute: 'proactive', note: '依申请转主动公开（条例第四十四条）' },
        });
        const itemId = Number(item.id);
        const decision = await repos.suggestionDecisions.add({ agencyId: agency.id, requestIds: cluster.requestIds, decision: 'published', itemId, reason: '', decidedAt: at, decidedBy: actor.label });
        await repos.audit.append({ actor, at, entity: 'request_suggestion', entityId: decision.id, agencyId: agency.id, action: 'publish', change: { agencyId: agency.id, trackingNumbers: cluster.trackingNumbers, itemId, title } });
        return { itemId, decision };
      });
    },

    /** “不予采纳”: the information is not suited to proactive disclosure; the reason is recorded. */
    async dismiss(actor: Actor, requestIds: unknown, reason: unknown): Promise<SuggestionDecision> {
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why.length < 2) throw new ValidationError('请说明不予采纳的理由（如：涉及个人信息，不属于可以公开的信息）', { reason: '请说明理由' });
      if (why.length > 500) throw new ValidationError('理由不超过 500 个字', { reason: '理由过长' });
      const cluster = await clusterOf(actor, requestIds);
      const agency = await deps.uow.read.agencies.findById(cluster.agencyId);
      if (!agency) throw new NotFoundError('找不到该机关');
      requirePermission(actor, 'request.handle', agency);
      const { at } = now();
      return deps.uow.transaction(async (repos) => {
        await stillUndecided(repos, agency.id, cluster.requestIds);
        const decision = await repos.suggestionDecisions.add({ agencyId: agency.id, requestIds: cluster.requestIds, decision: 'dismissed', itemId: null, reason: why, decidedAt: at, decidedBy: actor.label });
        await repos.audit.append({ actor, at, entity: 'request_suggestion', entityId: decision.id, agencyId: agency.id, action: 'dismiss', change: { agencyId: agency.id, trackingNumbers: cluster.trackingNumbers, reason: why } });
        return decision;
      });
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
