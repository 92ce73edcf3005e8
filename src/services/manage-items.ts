/**
 * Use cases of the information registry (主动公开): draft and edit, submit (with the automatic
 * privacy and confidentiality scan), the reviewer's decisions on findings, review, approval,
 * publication (index number, search index), revision, withdrawal. Each command loads the item,
 * asks the domain (decideItem), saves the events and derived versions, and writes the audit log,
 * all in one transaction.
 */
import {
  DEFAULT_INDEX_TEMPLATE,
  createItemInputSchema,
  decideItem,
  decisionProblem,
  evolveItem,
  findIndexCode,
  formatIndexNumber,
  kindCodeOf,
  indexSequenceScope,
  publicContentOf,
  reviewTextsOf,
  scanItemTexts,
  startItem,
  summariseReview,
  validityOn,
  type AttachmentMeta,
  type ItemCommand,
  type ItemContent,
  type ItemEvent,
  type ItemState,
  type FindingAction,
  type ReviewSource,
  type SourcedDecision,
  type SourcedFinding,
  type ValidityStatus,
} from '../domain/publishing/index.ts';
import { htmlToText } from '../domain/privacy/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { scopesFor } from '../domain/access/roles.ts';
import { requireAnyPermission, requirePermission } from './access-control.ts';
import { scanOptionsFor } from './manage-agencies.ts';
import { vocabulariesAt } from './manage-vocabularies.ts';
import { chinaDateOf } from './china-time.ts';
import { enqueueItemDeliveries } from './manage-deliveries.ts';
import { ForbiddenError, NotFoundError, ServiceError, ValidationError, validationErrorFrom } from './errors.ts';
import type { Actor, Clock, FileStore, ItemListFilter, Repositories, TextExtraction, TextExtractor, UnitOfWork } from './ports.ts';

export interface ItemServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  files: FileStore;
  extractText: TextExtractor;
  /** Sanitises body HTML typed or pasted by staff. */
  sanitiseHtml: (html: string) => string;
  /** Called after a change that alters what the public sees (cache invalidation). */
  onPublicChange?: () => void;
}

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

type ReadUpload = Upload & { reading: Exclude<TextExtraction, { status: 'refused' }> };

function userIdOf(actor: Actor): string {
  return actor.userId === null ? 'system' : String(actor.userId);
}

function rejectionStatus(code: string): 400 | 403 | 409 {
  return code === 'forbidden' ? 403 : code === 'invalid_input' || code === 'incomplete' ? 400 : 409;
}

/** Creates the item service. */
export function createItemService(deps: ItemServiceDeps) {
  const context = (actor: Actor) => {
    const now = deps.clock.now();
    return { actor: { userId: userIdOf(actor), grants: actor.grants }, at: now.toISOString(), today: chinaDateOf(now) };
  };

  async function lineageOf(repos: Repositories, agencyId: number): Promise<Agency[]> {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new ValidationError('发布机构不存在', { agencyId: '发布机构不存在' });
    const ids = agency.path.split('/').filter(Boolean).map(Number).reverse();
    const out: Agency[] = [];
    for (const id of ids) {
      const a = id === agency.id ? agency : await repos.agencies.findById(id);
      if (a) out.push(a);
    }
    return out;
  }

  /**
   * Checks uploads and reads their text before any transaction (off the main thread, under limits):
   * a file over the unpacked-size, memory or time limits is refused with nothing stored.
   */
  async function readUploads(uploads: readonly Upload[]): Promise<ReadUpload[]> {
    const out: ReadUpload[] = [];
    for (const u of uploads) {
      const reading = await deps.extractText(u.bytes).catch((e: unknown) => ({ status: 'unreadable' as const, kind: 'unknown', text: '', note: `文件无法读取（${e instanceof Error ? e.message : String(e)}）` }));
      if (reading.status === 'refused') throw new ValidationError(`附件“${u.name}”：${reading.note}`, { attachments: reading.note });
      out.push({ ...u, reading });
    }
    return out;
  }

  async function storeUploads(repos: Repositories, uploads: readonly ReadUpload[]): Promise<AttachmentMeta[]> {
    const out: AttachmentMeta[] = [];
    for (const u of uploads) {
      let stored;
      try {
        stored = await deps.files.put(u.bytes);
      } catch (e) {
        throw new ValidationError(`附件“${u.name}”：${e instanceof Error ? e.message : String(e)}`, { attachments: String(e) });
      }
      if (!(await repos.items.attachmentReading(stored.sha256))) {
        const { reading } = u;
        await repos.items.saveAttachmentText(stored.sha256, stored.type, reading.text, { status: reading.status, note: reading.note });
      }
      out.push({ fileId: stored.sha256, fileName: u.name.slice(0, 200) || `附件.${stored.type}`, mediaType: stored.mediaType, sizeBytes: stored.size, sha256: stored.sha256 });
    }
    return out;
  }

  /**
   * After a version dropped attachments: the text of a file nothing refers to any more is deleted in
   * the transaction; the returned files are deleted from the store after it commits.
   */
  async function forgetUnreferenced(repos: Repositories, fileIds: readonly string[]): Promise<string[]> {
    const orphans: string[] = [];
    for (const id of new Set(fileIds)) {
      if (await repos.items.isFileReferenced(id)) continue;
      await repos.items.removeAttachmentText(id);
      orphans.push(id);
    }
    return orphans;
  }

  async function deleteFiles(fileIds: readonly string[]): Promise<void> {
    for (const id of fileIds) await deps.files.remove(id).catch(() => undefined);
  }

  /**
   * Parses the form against the vocabularies of the item's agency (inherited from its superiors); an
   * edited item keeps the terms it already carries even if they have been retired since.
   */
  async function parseContent(repos: Repositories, agencyPath: string, raw: Record<string, unknown>, attachments: AttachmentMeta[], current?: ItemState): Promise<ItemContent> {
    const keep = current ? { categoryCode: current.categoryCode, catalogueDomain: current.catalogueDomain, kindCode: kindCodeOf(current) } : {};
    const parsed = createItemInputSchema(await vocabulariesAt(repos, agencyPath), keep).safeParse(raw);
    if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
    return { ...parsed.data, bodyHtml: deps.sanitiseHtml(parsed.data.bodyHtml), attachments };
  }

  /** Applies events to the stored versions, saves them and the events, and keeps items' version pointers. */
  async function applyEvents(repos: Repositories, itemId: number, events: readonly ItemEvent[], at: string): Promise<Map<number, ItemState>> {
    const touched = new Map<number, ItemState>();
    const load = async (version: number) => touched.get(version) ?? (await repos.items.version(itemId, version));
    for (const event of events) {
      if (event.type === 'Drafted') {
        touched.set(1, startItem(event));
        continue;
      }
      const state = await load(event.version);
      if (!state) throw new ServiceError(`信息 ${itemId} 第 ${event.version} 版不存在`, 409);
      const next = evolveItem(state, event);
      touched.set(event.version, next);
      if (event.type === 'RevisionStarted') touched.set(event.newVersion, startItem(event, next));
    }
    for (const state of touched.values()) await repos.items.saveVersion(state, at);
    await repos.items.appendEvents(events);
    const all = await repos.items.versions(itemId);
    const live = all.find((v) => v.status === 'published')?.version ?? null;
    const latest = Math.max(...all.map((v) => v.version));
    await repos.items.setVersions(itemId, latest, live);
    return touched;
  }

  async function loadReviewed(repos: Repositories, itemId: number, version: number) {
    const review = await repos.items.review(itemId, version);
    return { findings: (review?.findings ?? []) as SourcedFinding[], decisions: (review?.decisions ?? []) as SourcedDecision[] };
  }

  async function indexForSearch(repos: Repositories, state: ItemState): Promise<void> {
    const { findings, decisions } = await loadReviewed(repos, Number(state.id), state.version);
    const pub = publicContentOf(state, findings, decisions);
    const attachmentText: string[] = [];
    for (const a of state.attachments) attachmentText.push((await repos.items.attachmentText(a.fileId)) ?? '');
    const today = chinaDateOf(deps.clock.now());
    await repos.search.upsert({
      itemId: Number(state.id),
      agencyId: state.agencyId,
      agencyPath: state.agencyPath,
      title: pub.title,
      body: [pub.summary, state.documentNumber ?? '', htmlToText(pub.bodyHtml), ...attachmentText].join('\n'),
      category: state.categoryCode,
      genre: state.genre,
      year: Number(state.formedOn.slice(0, 4)),
      validity: state.validity ? validityOn(state.validity, today) : 'valid',
      publishedOn: state.publishedOn ?? today,
    });
  }

  /** Runs the scan of a submitted version and records it (by the submitter: part of submission). */
  async function scanVersion(repos: Repositories, actor: Actor, state: ItemState): Promise<ItemEvent[]> {
    const options = await scanOptionsFor(repos, state.agencyPath);
    const texts = new Map<string, string>();
    const unread = new Map<ReviewSource, string>();
    for (const a of state.attachments) {
      const reading = await repos.items.attachmentReading(a.fileId);
      texts.set(a.fileId, reading?.text ?? '');
      // No stored reading at all is as unread as an unreadable one: never scan an attachment as empty.
      if (!reading || reading.status !== 'read') unread.set(`attachment:${a.fileId}`, `附件“${a.fileName}”${reading?.note ? `：${reading.note}` : '的文字未能读取'}`);
    }
    const findings = scanItemTexts(reviewTextsOf(state, texts), options, unread);
    const at = deps.clock.now().toISOString();
    await repos.items.saveReview(Number(state.id), state.version, { findings, decisions: [], scannedAt: at });
    const decision = decideItem(state, { type: 'recordScan', scan: summariseReview(findings, []) }, context(actor));
    if (!decision.ok) throw new ServiceError(decision.message, rejectionStatus(decision.code));
    return [...decision.events];
  }

  /** Assigns the index number on first publication (条例第十二条：目录包括“索引”). */
  async function assignIndexNumber(repos: Repositories, state: ItemState): Promise<string> {
    const item = await repos.items.item(Number(state.id));
    if (item?.index_number) return item.index_number;
    const lineage = await lineageOf(repos, state.agencyId);
    const code = findIndexCode(lineage);
    if (!code) throw new ValidationError('发布机构及其上级都没有统一社会信用代码或组织机构代码，无法生成索引号：请先在“机构管理”中填写。');
    const scope = indexSequenceScope({ codeOwnerAgencyId: code.ownerAgencyId, formedOn: state.formedOn });
    const template = (await repos.settings.get(`index_template.${code.ownerAgencyId}`)) ?? DEFAULT_INDEX_TEMPLATE;
    const seq = await repos.items.nextSequence(scope.agencyId, scope.year);
    const indexNumber = formatIndexNumber(template, { code: code.code, formedOn: state.formedOn, seq });
    await repos.items.setIndexNumber(Number(state.id), indexNumber);
    return indexNumber;
  }

  async function run(actor: Actor, itemId: number, command: ItemCommand, audit: { action: string; change?: unknown }): Promise<ItemState> {
    const ctx = context(actor);
    const result = await deps.uow.transaction(async (repos) => {
      const state = await repos.items.latest(itemId);
      if (!state) throw new NotFoundError('找不到该信息');
      let target = state;
      // Publishing, withdrawing and revising act on the live version when a revision is open.
      if (['withdraw', 'expire', 'revise'].includes(command.type) && state.status !== 'published') {
        const live = await repos.items.live(itemId);
        if (live) target = live;
      }
      let interpretedPolicy = null;
      if (command.type === 'publish' && target.interpretsItemId) {
        const policy = await repos.items.latest(Number(target.interpretsItemId));
        const livePolicy = await repos.items.live(Number(target.interpretsItemId));
        interpretedPolicy = { itemId: target.interpretsItemId, status: livePolicy ? ('published' as const) : (policy?.status ?? 'draft') };
      }
      const decision = decideItem(target, command, { ...ctx, interpretedPolicy });
      if (!decision.ok) throw new ServiceError(decision.message, rejectionStatus(decision.code));
      let events = [...decision.events];
      let touched = await applyEvents(repos, itemId, events, ctx.at);
      if (command.type === 'submit') {
        const scanEvents = await scanVersion(repos, actor, touched.get(target.version)!);
        touched = new Map([...touched, ...(await applyEvents(repos, itemId, scanEvents, ctx.at))]);
        events = [...events, ...scanEvents];
      }
      const published = events.find((e) => e.type === 'Published');
      if (published) {
        const indexNumber = await assignIndexNumber(repos, touched.get(published.version)!);
        const withNumber = { ...touched.get(published.version)!, indexNumber };
        await repos.items.saveVersion(withNumber, ctx.at);
        await indexForSearch(repos, withNumber);
        // The channels' outbox: WeChat, Weibo, SMS and email deliveries commit with the publication.
        await enqueueItemDeliveries(repos, withNumber, ctx.at);
      }
      if (events.some((e) => e.type === 'Withdrawn' || e.type === 'Expired')) await repos.search.remove(itemId);
      await repos.audit.append({
        actor,
        at: ctx.at,
        entity: 'item',
        entityId: itemId,
        action: audit.action,
        change: { events: events.map((e) => ({ type: e.type, version: e.version })), ...(audit.change !== undefined && { detail: audit.change }) },
      });
      return (await repos.items.latest(itemId))!;
    });
    if (['publish', 'withdraw', 'expire'].includes(command.type)) deps.onPublicChange?.();
    return result;
  }

  return {
    /** Drafts a new item for an agency (信息员 of the unit, or the office). */
    async create(actor: Actor, agencyId: number, raw: Record<string, unknown>, uploads: readonly Upload[] = []): Promise<ItemState> {
      const ctx = context(actor);
      const read = await readUploads(uploads);
      return deps.uow.transaction(async (repos) => {
        const agency = await repos.agencies.findById(agencyId);
        if (!agency) throw new ValidationError('发布机构不存在', { agencyId: '请选择发布机构' });
        const content = await parseContent(repos, agency.path, raw, []);
        const itemId = await repos.items.createItem(agencyId, ctx.at);
        const attachments = await storeUploads(repos, read);
        const decision = decideItem(null, { type: 'create', itemId: String(itemId), agencyId, agencyPath: agency.path, content: { ...content, attachments } }, ctx);
        if (!decision.ok) throw new ServiceError(decision.message, rejectionStatus(decision.code));
        await applyEvents(repos, itemId, decision.events, ctx.at);
        await repos.audit.append({ actor, at: ctx.at, entity: 'item', entityId: itemId, action: 'create', change: { title: content.title, agencyId } });
        return (await repos.items.latest(itemId))!;
      });
    },
    /** Edits a draft or returned version; uploads are added, `removeAttachments` (file ids) removed. */
    async edit(actor: Actor, itemId: number, raw: Record<string, unknown>, uploads: readonly Upload[] = [], removeAttachments: readonly string[] = []): Promise<ItemState> {
      const ctx = context(actor);
      const read = await readUploads(uploads);
      const result = await deps.uow.transaction(async (repos) => {
        const state = await repos.items.latest(itemId);
        if (!state) throw new NotFoundError('找不到该信息');
        const kept = state.attachments.filter((a) => !removeAttachments.includes(a.fileId));
        const removed = state.attachments.filter((a) => removeAttachments.includes(a.fileId));
        const added = await storeUploads(repos, read);
        const content = await parseContent(repos, state.agencyPath, raw, [...kept, ...added], state);
        const decision = decideItem(state, { type: 'edit', content }, ctx);
        if (!decision.ok) throw new ServiceError(decision.message, rejectionStatus(decision.code));
        await applyEvents(repos, itemId, decision.events, ctx.at);
        // Removing an attachment removes its text and, once nothing else refers to it, its file.
        const orphans = await forgetUnreferenced(repos, removed.map((a) => a.fileId));
        await repos.audit.append({
          actor,
          at: ctx.at,
          entity: 'item',
          entityId: itemId,
          action: 'edit',
          change: { version: state.version, title: content.title, ...(removed.length > 0 && { removedAttachments: removed.map((a) => ({ fileName: a.fileName, sha256: a.sha256, deleted: orphans.includes(a.fileId) })) }) },
        });
        return { state: (await repos.items.latest(itemId))!, orphans };
      });
      await deleteFiles(result.orphans);
      return result.state;
    },
    submit: (actor: Actor, itemId: number) => run(actor, itemId, { type: 'submit' }, { action: 'submit' }),
    returnToDrafter: (actor: Actor, itemId: number, comments: string) => run(actor, itemId, { type: 'return', comments }, { action: 'return', change: { comments } }),
    passReview: (actor: Actor, itemId: number) => run(actor, itemId, { type: 'passReview' }, { action: 'pass_review' }),
    approve: (actor: Actor, itemId: number) => run(actor, itemId, { type: 'approve' }, { action: 'approve' }),
    publish: (actor: Actor, itemId: number, together: string[] = []) => run(actor, itemId, { type: 'publish', together }, { action: 'publish' }),
    schedule: (actor: Actor, itemId: number, publishAt: string) => run(actor, itemId, { type: 'schedule', publishAt }, { action: 'schedule', change: { publishAt } }),
    revise: (actor: Actor, itemId: number, changedOn: string) => run(actor, itemId, { type: 'revise', changedOn }, { action: 'revise', change: { changedOn } }),
    withdraw: (actor: Actor, itemId: number, reason: string) => run(actor, itemId, { type: 'withdraw', reason }, { action: 'withdraw', change: { reason } }),
    expire: (actor: Actor, itemId: number, reason: string) => run(actor, itemId, { type: 'expire', reason }, { action: 'expire', change: { reason } }),

    /** A reviewer masks a finding or records why it is intended; the scan summary is recorded anew. */
    async decideFinding(actor: Actor, itemId: number, findingId: string, action: FindingAction, reason = ''): Promise<ItemState> {
      const ctx = context(actor);
      return deps.uow.transaction(async (repos) => {
        const state = await repos.items.latest(itemId);
        if (!state) throw new NotFoundError('找不到该信息');
        const { findings, decisions } = await loadReviewed(repos, itemId, state.version);
        const finding = findings.find((f) => f.id === findingId);
        if (!finding) throw new ValidationError('该检测发现不存在或已重新检测');
        const problem = decisionProblem(finding, action, reason);
        if (problem) throw new ValidationError(problem);
        const decision: SourcedDecision = action === 'mask' ? { id: findingId, action, by: ctx.actor.userId, at: ctx.at } : { id: findingId, action, reason: reason.trim(), by: ctx.actor.userId, at: ctx.at };
        const auditAction = action === 'mask' ? 'mask_finding' : action === 'checked' ? 'finding_checked_by_eye' : 'finding_intended';
        const next = [...decisions.filter((d) => d.id !== findingId), decision];
        const recorded = decideItem(state, { type: 'recordScan', scan: summariseReview(findings, next) }, ctx);
        if (!recorded.ok) throw new ServiceError(recorded.message, rejectionStatus(recorded.code));
        // Only reviewers of the unit decide findings (the drafter's recordScan right is for the automatic scan).
        requirePermission(actor, 'item.review', { path: state.agencyPath });
        await repos.items.saveReview(itemId, state.version, { findings, decisions: next, scannedAt: ctx.at });
        await applyEvents(repos, itemId, recorded.events, ctx.at);
        await repos.audit.append({ actor, at: ctx.at, entity: 'item', entityId: itemId, action: auditAction, change: { finding: { id: finding.id, kind: finding.kind, masked: finding.masked }, reason: reason || undefined } });
        return (await repos.items.latest(itemId))!;
      });
    },

    /** The findings and decisions of the latest version (staff with item permissions on its unit). */
    async review(actor: Actor, itemId: number) {
      const state = await deps.uow.read.items.latest(itemId);
      if (!state) throw new NotFoundError('找不到该信息');
      assertCanSee(actor, state);
      const attachmentTexts = new Map<string, string>();
      for (const a of state.attachments) attachmentTexts.set(a.fileId, (await deps.uow.read.items.attachmentText(a.fileId)) ?? '');
      return { ...(await loadReviewed(deps.uow.read, itemId, state.version)), texts: reviewTextsOf(state, attachmentTexts) as Map<string, string> };
    },

    /** The latest version for staff (with the live one and the trail). */
    async get(actor: Actor, itemId: number) {
      const repos = deps.uow.read;
      const latest = await repos.items.latest(itemId);
      if (!latest) throw new NotFoundError('找不到该信息');
      assertCanSee(actor, latest);
      const item = await repos.items.item(itemId);
      return { latest, live: await repos.items.live(itemId), versions: await repos.items.versions(itemId), indexNumber: item?.index_number ?? null, events: await repos.items.events(itemId) };
    },

    /** Items in the actor's units, latest versions, for the console lists. */
    async listForStaff(actor: Actor, filter: Omit<ItemListFilter, 'within' | 'liveOnly'> = {}) {
      requireAnyPermission(actor, ['item.draft', 'item.review', 'item.approve']);
      const within = [...new Set([...scopesFor(actor.grants, 'item.draft'), ...scopesFor(actor.grants, 'item.review'), ...scopesFor(actor.grants, 'item.approve')])];
      return deps.uow.read.items.list({ ...filter, within });
    },

    /** Public: the live version of a published item with its masked content, or undefined. */
    async publicItem(itemId: number) {
      const repos = deps.uow.read;
      const live = await repos.items.live(itemId);
      if (!live) return undefined;
      const { findings, decisions } = await loadReviewed(repos, itemId, live.version);
      const interpretations = (await repos.items.list({ liveOnly: true, interpretsItemId: itemId, limit: 20 })).items;
      const policy = live.interpretsItemId ? await repos.items.live(Number(live.interpretsItemId)) : undefined;
      const history = (await repos.items.versions(itemId)).filter((v) => v.publishedOn !== null && v.status !== 'withdrawn').map((v) => ({ version: v.version, publishedOn: v.publishedOn!, changedOn: v.changedOn }));
      return { item: live, public: publicContentOf(live, findings, decisions), interpretations, policy, history };
    },

    /** Public: the catalogue (published items only, whatever filter is asked for). */
    publicList: ({ validity, ...filter }: Omit<ItemListFilter, 'liveOnly' | 'statuses' | 'validity'> & { validity?: ValidityStatus }) =>
      deps.uow.read.items.list({ ...filter, ...(validity && { validity: { status: validity, on: chinaDateOf(deps.clock.now()) } }), liveOnly: true }),

    /** Public: a stored attachment of a published item (never of an unpublished one). */
    async publicAttachment(itemId: number, fileId: string) {
      const live = await deps.uow.read.items.live(itemId);
      const meta = live?.attachments.find((a) => a.fileId === fileId);
      if (!meta) throw new NotFoundError('附件不存在或尚未公开');
      return { meta, bytes: await deps.files.get(fileId) };
    },

    /**
     * Publishes every scheduled version whose time has come, acting as the scheduler (an officer of the
     * item's unit, as the workflow requires); returns the ids published and the failures (each audited by the publish itself).
     */
    async publishDue(): Promise<{ published: number[]; failed: Array<{ itemId: number; message: string }> }> {
      const now = deps.clock.now().toISOString();
      const scheduled = (await deps.uow.read.items.list({ statuses: ['scheduled'], limit: 500 })).items.filter((i) => i.publishAt !== null && i.publishAt <= now);
      const published: number[] = [];
      const failed: Array<{ itemId: number; message: string }> = [];
      for (const item of scheduled) {
        const scheduler: Actor = { userId: null, label: '定时发布', grants: [{ role: 'officer', agencyId: item.agencyId, agencyPath: item.agencyPath }] };
        try {
          await run(scheduler, Number(item.id), { type: 'publish' }, { action: 'publish_scheduled', change: { publishAt: item.publishAt } });
          published.push(Number(item.id));
        } catch (e) {
          failed.push({ itemId: Number(item.id), message: e instanceof Error ? e.message : String(e) });
        }
      }
      return { published, failed };
    },

    /** Public: the live versions of some items (e.g. search hits), by id. */
    async liveVersions(itemIds: readonly number[]): Promise<Map<number, ItemState>> {
      const found = await deps.uow.read.items.liveMany(itemIds);
      // In the order asked for, as before.
      const out = new Map<number, ItemState>();
      for (const id of itemIds) {
        const v = found.get(id);
        if (v) out.set(id, v);
      }
      return out;
    },
    /** Public: one sitemap file's items, by id range (ItemRepository.publishedInIdRange). */
    publishedInIdRange: (range: { within: readonly string[]; afterId: number; throughId: number }) => deps.uow.read.items.publishedInIdRange(range),
    /** Public: the highest item id yet. */
    lastItemId: () => deps.uow.read.items.lastItemId(),
    /** Public: index numbers of items. */
    indexNumbers: (itemIds: number[]) => deps.uow.read.items.indexNumbers(itemIds),

    /** Public: search over published items. */
    search: (query: Parameters<Repositories['search']['search']>[0]) => deps.uow.read.search.search(query),
  };
}

function assertCanSee(actor: Actor, state: ItemState): void {
  const scopes = [...scopesFor(actor.grants, 'item.draft'), ...scopesFor(actor.grants, 'item.review'), ...scopesFor(actor.grants, 'item.approve')];
  if (!scopes.some((s) => state.agencyPath.startsWith(s))) throw new ForbiddenError('该信息不在您的工作范围内');
}

export type ItemService = ReturnType<typeof createItemService>;
