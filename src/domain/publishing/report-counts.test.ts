import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collapseVersions,
  countNormativeDocuments,
  countOfficialDocuments,
  countPublishedBy,
  type ReportItem,
} from './report-counts.ts';

const item = (patch: Partial<ReportItem> & { id: string }): ReportItem => ({
  version: 1,
  agencyId: 2,
  status: 'published',
  disclosure: { attribute: 'proactive' },
  genre: 'notice',
  categoryCode: 'general_affairs',
  clause: null,
  catalogueDomain: null,
  formedOn: '2024-03-01',
  publishedOn: '2024-03-05',
  hasElectronicFullText: true,
  validity: null,
  ...patch,
});

test('versions collapse into items: first publication date, latest published version', () => {
  const items = [
    item({ id: 'a', version: 1, status: 'revised', publishedOn: '2023-12-20', hasElectronicFullText: false }),
    item({ id: 'a', version: 2, status: 'published', publishedOn: '2024-02-01' }),
    item({ id: 'a', version: 3, status: 'draft', publishedOn: null }),
    item({ id: 'b', status: 'approved', publishedOn: null }),
  ];
  const collapsed = collapseVersions(items);
  assert.equal(collapsed.length, 1);
  assert.equal(collapsed[0]?.firstPublishedOn, '2023-12-20');
  assert.equal(collapsed[0]?.latest.version, 2);
});

test('公文 published in the year and their full-text electronic rate (revisions are not new items)', () => {
  const items = [
    item({ id: 'n1' }),
    item({ id: 'n2', genre: 'decision', hasElectronicFullText: false }),
    item({ id: 'n3', genre: 'normative_document' }),
    item({ id: 'n4', status: 'withdrawn', publishedOn: '2024-07-01' }),
    item({ id: 'news', genre: 'news' }),
    item({ id: 'old', publishedOn: '2023-06-01' }),
    item({ id: 'old', version: 2, publishedOn: '2024-06-01' }),
    item({ id: 'draft', status: 'draft', publishedOn: null }),
  ];
  assert.deepEqual(countOfficialDocuments(items, 2024), { published: 4, withElectronicFullText: 3, fullTextRate: 0.75 });
  assert.deepEqual(countOfficialDocuments(items, 2022), { published: 0, withElectronicFullText: 0, fullTextRate: null });
});

const normative = (id: string, formedOn: string, validity: ReportItem['validity'], patch: Partial<ReportItem> = {}) =>
  item({ id, genre: 'normative_document', formedOn, publishedOn: formedOn, validity, ...patch });

test('表二 第二十条第（一）项: 行政规范性文件 issued, repealed, lapsed and in force at year end', () => {
  const items = [
    normative('issued-2024', '2024-05-01', { effectiveOn: '2024-06-01', expiresOn: '2029-05-31', repealedOn: null }),
    normative('issued-dec-effective-next-year', '2024-12-20', { effectiveOn: '2025-02-01', expiresOn: null, repealedOn: null }),
    normative('old-in-force', '2021-03-01', { effectiveOn: '2021-04-01', expiresOn: null, repealedOn: null }),
    normative('repealed-2024', '2020-01-01', { effectiveOn: '2020-01-01', expiresOn: null, repealedOn: '2024-09-01' }),
    normative('lapsed-2024', '2019-06-01', { effectiveOn: '2019-07-01', expiresOn: '2024-06-30', repealedOn: null }),
    normative('lapses-jan-1', '2020-01-01', { effectiveOn: '2020-01-01', expiresOn: '2024-12-31', repealedOn: null }),
    normative('repealed-2023', '2018-01-01', { effectiveOn: '2018-01-01', expiresOn: null, repealedOn: '2023-01-01' }),
    normative('withdrawn', '2024-02-01', null, { status: 'withdrawn' }),
    normative('issued-2025', '2025-01-05', null),
    item({ id: 'rule', genre: 'regulation', formedOn: '2024-04-01', validity: { effectiveOn: '2024-05-01', expiresOn: null, repealedOn: null } }),
  ];
  const counts = countNormativeDocuments(items, 2024);
  assert.deepEqual(counts.normative_document, { issued: 2, repealed: 1, expired: 1, ceased: 2, inForce: 4 });
  assert.deepEqual(counts.regulation, { issued: 1, repealed: 0, expired: 0, ceased: 0, inForce: 1 });
});

test('表二 carry-over: in force at the end of a year = in force a year earlier + issued − ceased', () => {
  const items = [
    normative('a', '2022-03-01', { effectiveOn: '2022-04-01', expiresOn: '2023-06-30', repealedOn: null }),
    normative('b', '2022-05-01', null),
    normative('c', '2023-02-01', { effectiveOn: '2023-02-01', expiresOn: null, repealedOn: '2023-11-01' }),
    normative('d', '2023-08-01', null),
  ];
  const y2022 = countNormativeDocuments(items, 2022).normative_document;
  const y2023 = countNormativeDocuments(items, 2023).normative_document;
  assert.equal(y2022.inForce, 2);
  assert.equal(y2023.inForce, y2022.inForce + y2023.issued - y2023.ceased);
});

test('items published in the year by category, genre, agency, clause and catalogue domain', () => {
  const items = [
    item({ id: '1', agencyId: 2, clause: 'art20_7', categoryCode: 'finance_audit', catalogueDomain: 'budgets_final_accounts' }),
    item({ id: '2', agencyId: 2, clause: 'art20_7', categoryCode: 'finance_audit', genre: 'report' }),
    item({ id: '3', agencyId: 5, clause: null }),
    item({ id: '4', agencyId: 5, publishedOn: '2023-01-01' }),
  ];
  assert.deepEqual(countPublishedBy(items, 2024, 'category'), [{ key: 'finance_audit', count: 2 }, { key: 'general_affairs', count: 1 }]);
  assert.deepEqual(countPublishedBy(items, 2024, 'agency'), [{ key: '2', count: 2 }, { key: '5', count: 1 }]);
  assert.deepEqual(countPublishedBy(items, 2024, 'clause'), [{ key: 'art20_7', count: 2 }, { key: null, count: 1 }]);
  assert.deepEqual(countPublishedBy(items, 2024, 'genre'), [{ key: 'notice', count: 2 }, { key: 'report', count: 1 }]);
  assert.deepEqual(countPublishedBy(items, 2024, 'catalogueDomain'), [{ key: null, count: 2 }, { key: 'budgets_final_accounts', count: 1 }]);
});
