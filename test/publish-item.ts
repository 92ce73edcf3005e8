/** Test helper: an item drafted, scanned, reviewed (every finding masked), approved and published through the real workflow. */
import type { Actor } from '../src/services/ports.ts';
import type { testServices } from './services.ts';

/** The item form the channel and subscription tests publish (a 临时救助 公示), with fields overridden. */
export function itemForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '黔城镇2026年临时救助对象公示',
    summary: '公示临时救助对象。',
    documentNumber: '',
    formedOn: '2026-11-20',
    categoryCode: 'civil_affairs_poverty_relief',
    genre: 'notice',
    clause: null,
    bodyHtml: '<p>正文。</p>',
    disclosure: { attribute: 'proactive' },
    hasElectronicFullText: true,
    ...overrides,
  };
}

/** Publishes an item at an agency as editor, reviewer and approver would; returns its id. */
export async function publishItem(
  s: ReturnType<typeof testServices>,
  actors: { editor?: Actor; reviewer?: Actor; approver?: Actor },
  agencyId: number,
  overrides: Record<string, unknown> = {},
): Promise<number> {
  const draft = await s.items.create(actors.editor!, agencyId, itemForm(overrides));
  const id = Number(draft.id);
  await s.items.submit(actors.editor!, id);
  const { findings } = await s.items.review(actors.reviewer!, id);
  for (const f of findings) await s.items.decideFinding(actors.reviewer!, id, f.id, 'mask');
  await s.items.passReview(actors.reviewer!, id);
  await s.items.approve(actors.approver!, id);
  await s.items.publish(actors.editor!, id);
  return id;
}
