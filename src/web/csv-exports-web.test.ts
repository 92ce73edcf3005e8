/**
 * The CSV downloads on both stores: a formula typed as an applicant's name on the portal comes out
 * neutralised in the request ledger, the ID number keeps all 18 digits as text, every file has
 * exactly one byte-order mark, and the exported ledger reads back unchanged.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { readLedger } from '../documents/ledger-xlsx.ts';

const FORMULA = '=HYPERLINK("http://x","y")';
const ID_NUMBER = '431281199003071228';

const bomCount = (text: string) => [...text].filter((ch) => ch === '\uFEFF').length;

describeEachDialect('CSV exports', (ctx) => {
  let t: TestApp;
  let officer: Agent;
  let townId = 0;

  before(async () => {
    t = await createTestApp({ db: ctx.db });
    officer = await t.signedIn('officer');
    townId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
    const applicant = t.agent();
    await applicant.get('/xxgk/apply');
    const res = await applicant.post('/xxgk/apply', {
      type: 'natural_person',
      name: FORMULA,
      identityKind: '居民身份证',
      identityNumber: ID_NUMBER,
      phone: '13812345678',
      address: '-1+1',
      description: '黔城镇2026年农村公路养护资金使用情况',
      formWanted: 'electronic',
      deliveryMethod: 'online',
    });
    assert.equal(res.status, 303, 'post/redirect/get to the receipt');
  });

  test('the request ledger as CSV: the formula in a name is neutralised, the ID number stays text, one BOM', async () => {
    const res = await officer.get(`/console/ledgers/export?kind=requests&agencyId=${townId}&format=csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    assert.equal(text.startsWith('\uFEFF'), true);
    assert.equal(bomCount(text), 1, 'exactly one byte-order mark');
    assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""y"")"`), 'the name is written as text, not as a formula');
    assert.doesNotMatch(text, /(^|,)"?=HYPERLINK/m, 'no cell starts with =');
    assert.ok(text.includes(`"'-1+1"`), 'a cell starting with - is neutralised too');
    assert.ok(text.includes(`"'${ID_NUMBER}"`), 'the 18-digit number is kept as text');
    const back = await readLedger(bytes);
    const row = back.rows.find((r) => r.cells['证件号码'] === ID_NUMBER);
    assert.ok(row, 'reading the export back gives the number without the apostrophe');
    assert.equal(row.cells['申请人姓名或名称'], FORMULA);
  });

  test('the annual report tables as CSV have exactly one BOM', async () => {
    const res = await officer.get(`/console/reports/export.csv?agency=${townId}&year=2025`);
    assert.equal(res.status, 200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
    assert.equal(text.startsWith('\uFEFF'), true);
    assert.equal(bomCount(text), 1, 'exactly one byte-order mark');
  });
});
