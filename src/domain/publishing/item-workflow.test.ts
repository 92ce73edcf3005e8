import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoleGrant } from '../access/roles.ts';
import { itemInputSchema, type ItemContent } from './item.ts';
import {
  decideItem,
  evolveItem,
  startItem,
  type ItemActor,
  type ItemCommand,
  type ItemContext,
  type ItemEvent,
  type ItemState,
  type RejectionCode,
} from './item-workflow.ts';

const TOWN = '/1/2/';
const grant = (role: RoleGrant['role'], agencyPath = TOWN): RoleGrant => ({ role, agencyId: Number(agencyPath.split('/').at(-2)), agencyPath });
const users: Record<string, ItemActor> = {
  editor: { userId: 'editor', grants: [grant('editor')] },
  editor2: { userId: 'editor2', grants: [grant('editor')] },
  officer: { userId: 'officer', grants: [grant('officer', '/1/')] },
  outsider: { userId: 'outsider', grants: [grant('editor', '/1/3/')] },
  reviewer: { userId: 'reviewer', grants: [grant('reviewer')] },
  reviewer2: { userId: 'reviewer2', grants: [grant('reviewer')] },
  approver: { userId: 'approver', grants: [grant('approver')] },
  // A small town: one person holds both the reviewer and the approver role.
  both: { userId: 'both', grants: [grant('reviewer'), grant('approver')] },
  // The same person as `both`, also an editor.
  allRoles: { userId: 'allRoles', grants: [grant('editor'), grant('reviewer'), grant('approver')] },
};

const baseContent: ItemContent = {
  ...itemInputSchema.parse({
    title: '某镇2024年耕地地力保护补贴发放情况公示',
    summary: '公示补贴对象和金额。',
    formedOn: '2024-03-01',
    categoryCode: 'agriculture_forestry_water',
    genre: 'announcement',
    clause: 'art21_agricultural_policy',
    bodyHtml: '<p>补贴发放情况如下。</p>',
    disclosure: { attribute: 'proactive' },
    hasElectronicFullText: true,
  }),
  attachments: [],
};

let clock = 0;
function ctx(actor: ItemActor, extra: Partial<ItemContext> = {}): ItemContext {
  clock += 1;
  const at = new Date(Date.UTC(2024, 2, 8, 1, 0, clock)).toISOString();
  return { actor, at, today: '2024-03-08', ...extra };
}

function run(state: ItemState | null, command: ItemCommand, context: ItemContext): { state: ItemState; events: readonly ItemEvent[] } {
  const d = decideItem(state, command, context);
  assert.ok(d.ok, d.ok ? '' : `${command.type}: ${d.message}`);
  let s = state;
  for (const e of d.events) s = s === null ? startItem(e as Extract<ItemEvent, { type: 'Drafted' }>) : evolveItem(s, e);
  assert.ok(s !== null);
  return { state: s, events: d.events };
}

function refused(state: ItemState | null, command: ItemCommand, context: ItemContext, code: RejectionCode, message?: RegExp): void {
  const d = decideItem(state, command, context);
  assert.equal(d.ok, false, `${command.type} should have been refused`);
  if (!d.ok) {
    assert.equal(d.code, code, d.message);
    if (message) assert.match(d.message, message);
  }
}

function draft(content: ItemContent = baseContent, by = users.editor!, itemId = 'item-1'): ItemState {
  return run(null, { type: 'create', itemId, agencyId: 2, agencyPath: TOWN, content }, ctx(by)).state;
}

function toScanned(state: ItemState, blocking = 0): ItemState {
  const s = run(state, { type: 'submit' }, ctx(users.editor!)).state;
  return run(s, { type: 'recordScan', scan: { unresolvedBlocking: blocking, unresolvedWarnings: 1 } }, ctx(users.editor!)).state;
}

function toApproved(content: ItemContent = baseContent, itemId = 'item-1'): ItemState {
  let s = toScanned(draft(content, users.editor, itemId));
  s = run(s, { type: 'passReview' }, ctx(users.reviewer!)).state;
  return run(s, { type: 'approve' }, ctx(users.approver!)).state;
}

function toPublished(content: ItemContent = baseContent): ItemState {
  return run(toApproved(content), { type: 'publish' }, ctx(users.editor!)).state;
}

test('the happy path: draft → submitted → scanned → reviewed → approved → published', () => {
  let s = draft();
  assert.equal(s.status, 'draft');
  s = toScanned(s);
  assert.equal(s.status, 'scanned');
  assert.deepEqual(s.scan && { b: s.scan.unresolvedBlocking, w: s.scan.unresolvedWarnings }, { b: 0, w: 1 });
  s = run(s, { type: 'passReview' }, ctx(users.reviewer!)).state;
  assert.equal(s.status, 'reviewed');
  s = run(s, { type: 'approve' }, ctx(users.approver!)).state;
  assert.equal(s.status, 'approved');
  const published = run(s, { type: 'publish' }, ctx(users.editor!));
  assert.equal(published.state.status, 'published');
  assert.equal(published.state.publishedOn, '2024-03-08');
  assert.deepEqual(published.events.map((e) => e.type), ['Published']);
  assert.deepEqual(published.state.contributors, ['editor']);
});

test('only editors and officers of the unit (and its subtree) draft and submit', () => {
  refused(null, { type: 'create', itemId: 'x', agencyId: 2, agencyPath: TOWN, content: baseContent }, ctx(users.outsider!), 'forbidden', /信息员或公开办工作人员/);
  refused(null, { type: 'create', itemId: 'x', agencyId: 2, agencyPath: TOWN, content: baseContent }, ctx(users.reviewer!), 'forbidden');
  // The county officer's grant covers the town below it.
  const s = draft(baseContent, users.officer!);
  refused(s, { type: 'submit' }, ctx(users.outsider!), 'forbidden');
  refused(s, { type: 'edit', content: baseContent }, ctx(users.approver!), 'forbidden');
  run(s, { type: 'submit' }, ctx(users.editor2!));
});

test('the 公开属性 (with its ground when not 主动公开) is required before review', () => {
  const s = draft({ ...baseContent, disclosure: null });
  refused(s, { type: 'submit' }, ctx(users.editor!), 'incomplete', /公开属性/);
  const withGroundless = draft({ ...baseContent, disclosure: { attribute: 'withheld', ground: 'art19_outside_proactive_scope', note: '' } });
  refused(withGroundless, { type: 'submit' }, ctx(users.editor!), 'incomplete', /不能作为不予公开的依据/);
});

test('条例第十二条: 内容概述 is needed before submission', () => {
  refused(draft({ ...baseContent, summary: '' }), { type: 'submit' }, ctx(users.editor!), 'incomplete', /内容概述/);
});

test('separation of duties: a reviewer cannot review a version they drafted, edited or submitted', () => {
  const byAll = run(null, { type: 'create', itemId: 'i', agencyId: 2, agencyPath: TOWN, content: baseContent }, ctx(users.allRoles!)).state;
  refused(toScanned(byAll), { type: 'passReview' }, ctx(users.allRoles!), 'separation_of_duties');
  const edited = run(draft(), { type: 'edit', content: { ...baseContent, title: '改' } }, ctx(users.allRoles!)).state;
  assert.deepEqual(edited.contributors, ['editor', 'allRoles']);
  refused(toScanned(edited), { type: 'passReview' }, ctx(users.allRoles!), 'separation_of_duties');
});

test('separation of duties: an approver cannot approve what they drafted or reviewed', () => {
  let s = toScanned(draft());
  s = run(s, { type: 'passReview' }, ctx(users.both!)).state;
  refused(s, { type: 'approve' }, ctx(users.both!), 'separation_of_duties', /审查过/);
  run(s, { type: 'approve' }, ctx(users.approver!));
  const drafted = run(null, { type: 'create', itemId: 'i', agencyId: 2, agencyPath: TOWN, content: baseContent }, ctx(users.allRoles!)).state;
  const reviewed = run(toScanned(drafted), { type: 'passReview' }, ctx(users.reviewer!)).state;
  refused(reviewed, { type: 'approve' }, ctx(users.allRoles!), 'separation_of_duties');
});

test('a reviewer may not approve and an approver may not review (role permissions)', () => {
  const s = toScanned(draft());
  refused(s, { type: 'passReview' }, ctx(users.approver!), 'forbidden', /保密审查员/);
  const reviewed = run(s, { type: 'passReview' }, ctx(users.reviewer!)).state;
  refused(reviewed, { type: 'approve' }, ctx(users.reviewer2!), 'forbidden', /分管领导/);
});

test('unresolved blocking findings of the scan hold the item back until a rescan clears them', () => {
  const s = toScanned(draft(), 2);
  refused(s, { type: 'passReview' }, ctx(users.reviewer!), 'blocked_by_scan', /2 处/);
  const rescanned = run(s, { type: 'recordScan', scan: { unresolvedBlocking: 0 } }, ctx(users.reviewer!)).state;
  assert.equal(rescanned.scan?.unresolvedWarnings, 0);
  run(rescanned, { type: 'passReview' }, ctx(users.reviewer!));
  refused(s, { type: 'recordScan', scan: { unresolvedBlocking: -1 } }, ctx(users.reviewer!), 'invalid_input');
});

test('publication is blocked when the stored scan reports blocking findings (defence in depth)', () => {
  const approved = toApproved();
  refused({ ...approved, scan: { unresolvedBlocking: 1, unresolvedWarnings: 0, at: approved.approved!.at } }, { type: 'publish' }, ctx(users.editor!), 'blocked_by_scan');
});

test('only 主动公开 items are published; 依申请公开 items end at approval', () => {
  const onRequest = toApproved({ ...baseContent, disclosure: { attribute: 'on_request', ground: 'art15_third_party_rights', note: '含个人信息' } });
  assert.equal(onRequest.status, 'approved');
  refused(onRequest, { type: 'publish' }, ctx(users.editor!), 'not_proactive', /依申请公开/);
  refused(onRequest, { type: 'schedule', publishAt: '2024-03-09T01:00:00.000Z' }, ctx(users.editor!), 'not_proactive');
});

test('returning sends the item back with comments; comments are required; edits then resubmission follow', () => {
  const s = toScanned(draft());
  refused(s, { type: 'return', comments: ' ' }, ctx(users.reviewer!), 'invalid_input', /理由/);
  refused(s, { type: 'return', comments: '请删除身份证号' }, ctx(users.approver!), 'forbidden');
  const returned = run(s, { type: 'return', comments: '请删除身份证号' }, ctx(users.reviewer!)).state;
  assert.equal(returned.status, 'returned');
  assert.equal(returned.returned?.comments, '请删除身份证号');
  const edited = run(returned, { type: 'edit', content: { ...baseContent, bodyHtml: '<p>已脱敏</p>' } }, ctx(users.editor!)).state;
  assert.equal(edited.bodyHtml, '<p>已脱敏</p>');
  assert.equal(run(edited, { type: 'submit' }, ctx(users.editor!)).state.status, 'submitted');
});

test('the approver can return a reviewed item; approval and review are then cleared', () => {
  let s = run(toScanned(draft()), { type: 'passReview' }, ctx(users.reviewer!)).state;
  s = run(s, { type: 'return', comments: '标题不规范' }, ctx(users.approver!)).state;
  assert.equal(s.status, 'returned');
  assert.equal(s.reviewed, null);
});

test('commands out of order are refused with the current status named', () => {
  const s = draft();
  refused(s, { type: 'passReview' }, ctx(users.reviewer!), 'invalid_state', /草稿/);
  refused(s, { type: 'publish' }, ctx(users.editor!), 'invalid_state');
  refused(toApproved(), { type: 'edit', content: baseContent }, ctx(users.editor!), 'invalid_state');
  refused(null, { type: 'submit' }, ctx(users.editor!), 'invalid_state');
  refused(s, { type: 'create', itemId: 'item-1', agencyId: 2, agencyPath: TOWN, content: baseContent }, ctx(users.editor!), 'invalid_state');
});

test('scheduled publication waits for its time; unscheduling returns to approved', () => {
  const approved = toApproved();
  refused(approved, { type: 'schedule', publishAt: '2024-03-01T00:00:00.000Z' }, ctx(users.editor!), 'invalid_input', /晚于现在/);
  refused(approved, { type: 'schedule', publishAt: 'tomorrow' }, ctx(users.editor!), 'invalid_input');
  const scheduled = run(approved, { type: 'schedule', publishAt: '2024-03-10T00:00:00.000Z' }, ctx(users.editor!)).state;
  assert.equal(scheduled.status, 'scheduled');
  refused(scheduled, { type: 'publish' }, ctx(users.editor!), 'too_early');
  const jobContext = { ...ctx(users.officer!), at: '2024-03-10T00:00:05.000Z', today: '2024-03-10' };
  const published = run(scheduled, { type: 'publish' }, jobContext).state;
  assert.equal(published.publishedOn, '2024-03-10');
  assert.equal(run(scheduled, { type: 'unschedule' }, ctx(users.editor!)).state.status, 'approved');
});

const policyId = 'policy-1';
const interpretation: ItemContent = { ...baseContent, genre: 'interpretation', title: '《实施方案》政策解读', interpretsItemId: policyId };

test('a 政策解读 is published only after (or together with) the policy it interprets', () => {
  const approved = toApproved(interpretation, 'interp-1');
  refused(approved, { type: 'publish' }, ctx(users.editor!), 'invalid_input', /所解读文件/);
  refused(approved, { type: 'publish' }, ctx(users.editor!, { interpretedPolicy: { itemId: policyId, status: 'approved' } }), 'policy_not_published', /同步或在其之后/);
  run(approved, { type: 'publish' }, ctx(users.editor!, { interpretedPolicy: { itemId: policyId, status: 'published' } }));
  run(approved, { type: 'publish', together: [policyId] }, ctx(users.editor!, { interpretedPolicy: { itemId: policyId, status: 'approved' } }));
  refused(approved, { type: 'publish', together: [policyId] }, ctx(users.editor!, { interpretedPolicy: { itemId: policyId, status: 'draft' } }), 'policy_not_published');
  refused(approved, { type: 'publish' }, ctx(users.editor!, { interpretedPolicy: { itemId: policyId, status: 'withdrawn' } }), 'policy_not_published');
});

test('withdrawing a published item requires the approver and a reason', () => {
  const published = toPublished();
  refused(published, { type: 'withdraw', reason: '误发' }, ctx(users.editor!), 'forbidden');
  refused(published, { type: 'withdraw', reason: '' }, ctx(users.approver!), 'invalid_input', /撤回须写明理由/);
  const withdrawn = run(published, { type: 'withdraw', reason: '含未脱敏个人信息' }, ctx(users.approver!)).state;
  assert.equal(withdrawn.status, 'withdrawn');
  assert.equal(withdrawn.withdrawn?.reason, '含未脱敏个人信息');
  assert.equal(withdrawn.publishedOn, '2024-03-08');
});

test('an expired item (公示期满) leaves the portal with a reason', () => {
  const expired = run(toPublished(), { type: 'expire', reason: '公示期满' }, ctx(users.editor!)).state;
  assert.equal(expired.status, 'expired');
  refused(toApproved(), { type: 'expire', reason: '公示期满' }, ctx(users.editor!), 'invalid_state');
});

test('revising opens a new version; the published version stays live until the revision is published, then it is superseded', () => {
  const v1 = toPublished();
  refused(v1, { type: 'revise', changedOn: '2024-03-09' }, ctx(users.editor!), 'invalid_input', /晚于今天/);
  const opened = run(v1, { type: 'revise', changedOn: '2024-03-07' }, ctx(users.editor2!));
  const started = opened.events[0];
  assert.ok(started?.type === 'RevisionStarted');
  assert.equal(started.newVersion, 2);
  const v1Open = opened.state;
  assert.equal(v1Open.status, 'published');
  assert.equal(v1Open.openRevision, 2);
  refused(v1Open, { type: 'revise', changedOn: '2024-03-07' }, ctx(users.editor!), 'invalid_state', /第 2 版/);

  let v2 = startItem(started, v1Open);
  assert.equal(v2.version, 2);
  assert.equal(v2.status, 'draft');
  assert.equal(v2.changedOn, '2024-03-07');
  assert.equal(v2.publishedOn, null);
  assert.deepEqual(v2.contributors, ['editor2']);
  // The reviewer of version 1 may review version 2: contributors are per version.
  v2 = run(v2, { type: 'submit' }, ctx(users.editor2!)).state;
  v2 = run(v2, { type: 'recordScan', scan: { unresolvedBlocking: 0 } }, ctx(users.editor2!)).state;
  v2 = run(v2, { type: 'passReview' }, ctx(users.reviewer!)).state;
  v2 = run(v2, { type: 'approve' }, ctx(users.approver!)).state;
  const published = run(v2, { type: 'publish' }, ctx(users.editor!));
  assert.deepEqual(published.events.map((e) => [e.type, e.version]), [['Published', 2], ['Superseded', 1]]);
  const v1After = published.events.reduce(evolveItem, v1Open);
  assert.equal(v1After.status, 'revised');
  assert.equal(v1After.supersededBy, 2);
  assert.equal(v1After.publishedOn, '2024-03-08');
  assert.equal(published.state.status, 'published');
});

test('decideItem refuses a malformed instant or date in the context', () => {
  refused(draft(), { type: 'submit' }, { ...ctx(users.editor!), at: '2024-03-08 09:00' }, 'invalid_input', /时刻/);
  refused(draft(), { type: 'submit' }, { ...ctx(users.editor!), today: '2024-3-8' }, 'invalid_input');
});
