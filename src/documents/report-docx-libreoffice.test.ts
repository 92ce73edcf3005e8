/**
 * The annual-report DOCX opens in LibreOffice: `soffice --headless --convert-to pdf` turns the generated
 * document into a PDF with pages whose text carries the official tables. When LibreOffice is missing the
 * test is skipped and `npm test` says so loudly at the start and the end (scripts/run-tests.js); CI
 * installs `libreoffice-writer-nogui` (.ci/run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileReport } from '../domain/reports/index.ts';
import { compileInput, manualInputs, reportAppeal, reportItem, reportRequest } from '../domain/reports/test-factories.ts';
import { renderReportDocx } from './report-docx.ts';

const soffice = process.env.GONGKAI_SOFFICE_PATH || 'soffice';
const missing = spawnSync(soffice, ['--version'], { stdio: 'ignore' }).error !== undefined;
const skip = missing ? `LibreOffice（${soffice}）未安装——DOCX 转 PDF 的检查被跳过（apt-get install --no-install-recommends libreoffice-writer-nogui）` : false;

test('LibreOffice converts the generated annual-report DOCX to a PDF with pages and the official tables', { skip, timeout: 180_000 }, async () => {
  const report = compileReport(
    compileInput({
      agency: { id: 1, name: '黔城镇人民政府', kind: 'town_gov' },
      items: [reportItem({ id: '1' }), reportItem({ id: '2', genre: 'normative_document', formedOn: '2024-02-01' })],
      requests: [reportRequest({ id: 'r1' }), reportRequest({ id: 'r2', applicantType: 'commercial_enterprise', outcome: 'withheld_third_party_rights' })],
      appeals: [reportAppeal({ id: 'a1' })],
      manual: manualInputs({ licensingDecisions: 12, narrative: { overview: '2024年，我镇认真落实政务公开各项要求。' } }),
    }),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-soffice-'));
  try {
    const docx = path.join(dir, '年报.docx');
    writeFileSync(docx, await renderReportDocx(report));
    // A private profile directory: a concurrent LibreOffice (or a previous crash) must not block the conversion.
    const profile = `file://${path.join(dir, 'profile')}`;
    const run = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 150_000 });
    assert.equal(run.status, 0, `soffice failed: ${run.stderr}`);
    const pdfPath = path.join(dir, '年报.pdf');
    assert.ok(existsSync(pdfPath), `no PDF written: ${run.stdout}`);
    const bytes = new Uint8Array(readFileSync(pdfPath));
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    assert.ok(doc.numPages >= 2, `the report with three tables spans pages (got ${String(doc.numPages)})`);
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
    }
    const compact = text.replace(/\s+/g, '');
    for (const words of ['收到和处理政府信息公开申请情况', '本年新收政府信息公开申请数量', '行政复议', '第二十条第（一）项']) {
      assert.ok(compact.includes(words), `the PDF text has “${words}”`);
    }
    await doc.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
