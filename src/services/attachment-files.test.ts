import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Document, Packer, Paragraph } from 'docx';
import { describeEachDialect } from '../../test/databases.ts';
import { testServices } from '../../test/services.ts';
import { fixedClock } from '../../test/clock.ts';
import { crc32, docxBomb } from '../../test/zip-bombs.ts';
import { itemForm } from '../../test/publish-item.ts';
import { createWorkerTextExtractor } from '../documents/read-in-worker.ts';
import { readForScan } from '../documents/extract-text.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';

// “低保名单 张三 身份证号 431281199003071236”, rendered once with headless Chromium (a stand-in for a scanned list).
const SCAN_PNG = new Uint8Array(readFileSync(new URL('../../test/fixtures/id-number-scan.png', import.meta.url)));
const TESSERACT = '/usr/bin/tesseract';
const HAS_OCR = existsSync(TESSERACT) && /chi_sim/.test(spawnSync(TESSERACT, ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function docx(text: string): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] })));
}

/** Runs `work` while a 10 ms interval ticks; returns the longest gap between ticks. */
async function longestGapWhile(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    gap = Math.max(gap, performance.now() - last);
    last = performance.now();
  }, 10);
  try {
    await work();
  } catch {
    // The caller asserts the outcome separately.
  } finally {
    clearInterval(timer);
  }
  return Math.max(gap, performance.now() - last);
}

describeEachDialect('attachment files: bombs, unreadable text, removal', (ctx) => {
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;

  test('setup: demo organisation; uploads read in worker processes with an 8 MB unpacked cap, no OCR', async () => {
    s = testServices(ctx.db, fixedClock('2026-11-26T02:00:00.000Z'), {
      extractText: createWorkerTextExtractor({ timeoutMs: 60_000, memoryMb: 256, zipLimits: { maxEntries: 1000, maxUnpackedBytes: 8 * 1048576 } }),
    });
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['editor', 'reviewer', 'approver', 'officer']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    townId = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  test('a zip-bomb DOCX (honest or lying sizes) is refused in Chinese, nothing is stored, and the event loop keeps ticking', async () => {
    const before = (await s.items.listForStaff(actors.editor!)).total;
    for (const bomb of [docxBomb(24), docxBomb(24, { declareBytes: 3000 })]) {
      const gap = await longestGapWhile(() => s.items.create(actors.editor!, townId, itemForm({ title: '炸弹附件' }), [{ name: '年报.docx', bytes: bomb }]));
      await assert.rejects(s.items.create(actors.editor!, townId, itemForm({ title: '炸弹附件' }), [{ name: '年报.docx', bytes: bomb }]), /附件“年报.docx”：.*压缩炸弹/);
      assert.ok(gap < 500, `event loop gap ${gap.toFixed(0)} ms`);
      assert.equal(await s.deps.uow.read.items.attachmentText(sha256(bomb)), undefined, 'no text stored');
      await assert.rejects(s.deps.files.get(sha256(bomb)), 'no file stored');
    }
    assert.equal((await s.items.listForStaff(actors.editor!)).total, before, 'no item created');
  });

  test('an attachment whose text cannot be read blocks review until a reviewer confirms, with a reason, that they checked it by eye (audited)', async () => {
    const draft = await s.items.create(actors.editor!, townId, itemForm({ title: '2026年低保对象名单（扫描件）' }), [{ name: '低保名单.png', bytes: SCAN_PNG }]);
    const id = Number(draft.id);
    const submitted = await s.items.submit(actors.editor!, id);
    assert.equal(submitted.scan?.unresolvedBlocking, 1);
    const { findings } = await s.items.review(actors.reviewer!, id);
    const unread = findings.find((f) => f.kind === 'unreadable');
    assert.ok(unread, 'a 未能自动检测 finding');
    assert.equal(unread.severity, 'block');
    assert.equal(unread.source, `attachment:${sha256(SCAN_PNG)}`);
    assert.match(unread.reason, /未能自动检测：附件“低保名单.png”：图片中的文字无法自动识别/);
    await assert.rejects(s.items.passReview(actors.reviewer!, id), /须处理的发现/);
    await assert.rejects(s.items.decideFinding(actors.reviewer!, id, unread.id, 'mask'), /人工核对/);
    await assert.rejects(s.items.decideFinding(actors.reviewer!, id, unread.id, 'intended', '确需公开'), /人工核对/);
    await assert.rejects(s.items.decideFinding(actors.reviewer!, id, unread.id, 'checked', ''), /写明人工核对的情况/);
    await assert.rejects(s.items.decideFinding(actors.editor!, id, unread.id, 'checked', '已逐页核对，无个人信息'), /权限/);
    await s.items.decideFinding(actors.reviewer!, id, unread.id, 'checked', '已逐页核对扫描件，身份证号已在原件上遮盖');
    await s.items.passReview(actors.reviewer!, id);
    const audit = await s.deps.uow.read.audit.forEntity('item', id);
    const checked = audit.find((e) => e.action === 'finding_checked_by_eye');
    assert.ok(checked, 'the check by eye is in the audit log');
    assert.match(JSON.stringify(checked.change), /已逐页核对扫描件/);
  });

  test(HAS_OCR ? 'with OCR the ID number in a scanned image is found like any other' : '!! WITHOUT OCR (tesseract absent): the scanned image is a 未能自动检测 finding', async () => {
    const ocr = testServices(ctx.db, fixedClock('2026-11-26T02:00:00.000Z'), { extractText: (b) => readForScan(b, HAS_OCR ? { tesseractPath: TESSERACT } : {}) });
    // A different image file, so the stored reading of the first one (no OCR) is not reused.
    const draft = await ocr.items.create(actors.editor!, townId, itemForm({ title: '低保名单（扫描件，OCR）' }), [{ name: '名单.png', bytes: withTextChunk(SCAN_PNG) }]);
    await ocr.items.submit(actors.editor!, Number(draft.id));
    const { findings } = await ocr.items.review(actors.reviewer!, Number(draft.id));
    if (HAS_OCR) {
      assert.ok(findings.some((f) => f.kind === 'id_card' && f.severity === 'block' && f.text === '431281199003071236'), JSON.stringify(findings));
      assert.ok(!findings.some((f) => f.kind === 'unreadable'));
    } else {
      assert.ok(findings.some((f) => f.kind === 'unreadable'));
    }
  });

  test('removing an attachment removes its text and, once nothing else refers to it, its file', async () => {
    const shared = await docx('共用附件：村务公开栏目录');
    const own = await docx('本条独有附件：联系电话 0745-1234567');
    const a = await s.items.create(actors.editor!, townId, itemForm({ title: '附件删除甲' }), [{ name: '共用.docx', bytes: shared }, { name: '独有.docx', bytes: own }]);
    const b = await s.items.create(actors.editor!, townId, itemForm({ title: '附件删除乙' }), [{ name: '共用.docx', bytes: shared }]);
    assert.ok(await s.deps.uow.read.items.attachmentText(sha256(own)));
    await s.items.edit(actors.editor!, Number(a.id), itemForm({ title: '附件删除甲' }), [], [sha256(shared), sha256(own)]);
    assert.equal(await s.deps.uow.read.items.attachmentText(sha256(own)), undefined, 'the text of the removed attachment is gone');
    await assert.rejects(s.deps.files.get(sha256(own)), 'its file is gone');
    assert.ok(await s.deps.uow.read.items.attachmentText(sha256(shared)), 'the other item still refers to the shared file: its text stays');
    assert.ok(await s.deps.files.get(sha256(shared)), 'and so does its file');
    await s.items.edit(actors.editor!, Number(b.id), itemForm({ title: '附件删除乙' }), [], [sha256(shared)]);
    assert.equal(await s.deps.uow.read.items.attachmentText(sha256(shared)), undefined);
    await assert.rejects(s.deps.files.get(sha256(shared)));
    const audit = await s.deps.uow.read.audit.forEntity('item', Number(a.id));
    const raw = audit.find((e) => e.action === 'edit')!.change;
    const change = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { removedAttachments: Array<{ fileName: string; deleted: boolean }> };
    assert.deepEqual(change.removedAttachments.map((r) => [r.fileName, r.deleted]), [['共用.docx', false], ['独有.docx', true]]);
  });

  test('request documents: an unreadable file blocks until checked by eye; removing a document deletes its unreferenced file', async () => {
    const town = (await s.agencies.all()).find((x) => x.id === townId)!;
    const { request } = await s.requests.register(actors.officer!, {
      agencyId: town.id, channel: 'in_person', submission: { submittedOn: '2026-11-25' },
      applicant: { type: 'natural_person', name: '钱七', identity: { kind: '居民身份证', number: '11010519491231002X' }, contact: { phone: '13700000000' } },
      informationSought: { description: '低保名单' }, formWanted: 'electronic', deliveryMethod: 'online',
    });
    await s.requests.command(actors.officer!, request.id, { type: 'start_review' });
    await assert.rejects(s.requests.addDocument(actors.officer!, request.id, { name: '炸弹.docx', bytes: docxBomb(24, { declareBytes: 3000 }) }), /文件“炸弹.docx”：.*压缩炸弹/);
    const scan = withTextChunk(SCAN_PNG, 'request');
    const doc = await s.requests.addDocument(actors.officer!, request.id, { name: '低保名单.png', bytes: scan });
    const unread = doc.findings.find((f) => f.kind === 'unreadable');
    assert.ok(unread && unread.severity === 'block', JSON.stringify(doc.findings));
    await assert.rejects(s.requests.justifyDocumentFinding(actors.officer!, request.id, doc.id, unread.id, '同意'), /写明人工核对的情况/);
    await s.requests.justifyDocumentFinding(actors.officer!, request.id, doc.id, unread.id, '已逐页核对，无个人信息');
    const audit = await s.deps.uow.read.audit.forEntity('request', request.id);
    assert.ok(audit.some((e) => e.action === 'document_checked_by_eye'));
    assert.ok(await s.deps.files.get(sha256(scan)));
    await s.requests.removeDocument(actors.officer!, request.id, doc.id);
    await assert.rejects(s.deps.files.get(sha256(scan)), 'the file nothing refers to is deleted');
  });
});

/** The same image with a PNG text chunk added before IEND: other bytes, so another stored file. */
function withTextChunk(png: Uint8Array, label = 'ocr'): Uint8Array {
  const iend = png.length - 12;
  const data = Buffer.from(`Comment\0${label}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return new Uint8Array(Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]));
}
