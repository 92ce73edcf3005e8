/**
 * Puts the demo items through the real workflow — drafted by the 信息员, scanned, reviewed by the
 * 保密审查员, approved by the 分管领导, published — on the dates they would have happened, so
 * index numbers, audit entries, search and the annual report's counts are all genuine.
 */
import { shiftDate } from '../china-time.ts';
import type { DemoAgency } from '../../domain/organisations/demo-organisation.ts';
import { actorOf } from '../sign-in.ts';
import { createItemService, type ItemServiceDeps } from '../manage-items.ts';
import type { Actor } from '../ports.ts';
import { demoItems } from './demo-items.ts';

/** A clock the seeding moves through history. */
function historicalClock() {
  let t = Date.parse('2017-01-01T01:00:00Z');
  return { now: () => new Date(t), set: (beijingDate: string, hour = 9) => (t = Date.parse(`${beijingDate}T${String(hour - 8).padStart(2, '0')}:00:00Z`)) };
}

/** Seeds the demo items; `agencyIds` maps demo agency keys to ids. Returns how many were published. */
export async function seedDemoItems(deps: Omit<ItemServiceDeps, 'clock'>, agencyIds: ReadonlyMap<string, number>, _agencies: readonly DemoAgency[]): Promise<number> {
  const clock = historicalClock();
  const items = createItemService({ ...deps, clock });
  const actor = async (login: string): Promise<Actor> => {
    const user = await deps.uow.read.users.findByLogin(login);
    if (!user) throw new Error(`演示账号 ${login} 不存在`);
    return actorOf(user);
  };
  const [editor, reviewer, approver] = [await actor('editor'), await actor('reviewer'), await actor('approver')];
  const keys = new Map<string, number>();
  let published = 0;
  for (const d of demoItems()) {
    clock.set(d.formedOn, 9);
    const created = await items.create(editor, agencyIds.get(d.agency)!, {
      title: d.title,
      summary: d.summary,
      documentNumber: d.documentNumber,
      formedOn: d.formedOn,
      categoryCode: d.category,
      genre: d.genre,
      clause: d.clause,
      catalogueDomain: d.domain,
      keywords: [],
      validity: { effectiveOn: d.effectiveOn ?? null, expiresOn: null, repealedOn: d.repealedOn ?? null },
      bodyHtml: d.body,
      disclosure: { attribute: 'proactive' },
      interpretsItemId: d.interprets ? String(keys.get(d.interprets)) : null,
      hasElectronicFullText: true,
    });
    const id = Number(created.id);
    if (d.key) keys.set(d.key, id);
    clock.set(d.formedOn, 10);
    await items.submit(editor, id);
    clock.set(d.formedOn, 15);
    await items.passReview(reviewer, id);
    const publishOn = shiftDate(d.formedOn, d.publishAfterDays);
    clock.set(publishOn, 9);
    await items.approve(approver, id);
    clock.set(publishOn, 10);
    await items.publish(editor, id);
    published += 1;
    if (d.then?.withdraw) {
      clock.set(shiftDate(publishOn, 3), 11);
      await items.withdraw(approver, id, d.then.withdraw);
    }
    if (d.then?.expire) {
      clock.set(shiftDate(publishOn, 30), 11);
      await items.expire(approver, id, d.then.expire);
    }
  }
  return published;
}
