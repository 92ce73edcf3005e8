import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createAttachmentStore, AttachmentRejectedError } from './attachment-store.ts';

test('attachments: type by content, size limit, stored once by SHA-256, tampering detected', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
  try {
    const store = createAttachmentStore(root, { maxBytes: 64 * 1024 });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRow(['姓名']);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const a = await store.put(xlsx);
    const b = await store.put(xlsx);
    assert.equal(a.type, 'xlsx');
    assert.equal(a.sha256, b.sha256);
    assert.deepEqual(await store.get(a.sha256), xlsx);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    assert.equal((await store.put(png)).type, 'png');
    await assert.rejects(store.put(new TextEncoder().encode('<script>alert(1)</script>')), AttachmentRejectedError);
    await assert.rejects(store.put(new Uint8Array(70 * 1024).fill(0x25)), /附件过大/);
    await assert.rejects(store.put(new Uint8Array()), /空文件/);
    await assert.rejects(store.get('../../etc/passwd'), /标识无效/);
    const file = path.join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    writeFileSync(file, 'tampered');
    await assert.rejects(store.get(a.sha256), /被改动/);
    assert.equal(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp')).length, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('attachments: files 0600 and their folders 0700 even under umask 022', async () => {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'gongkai-files-')), 'attachments');
  const previous = process.umask(0o022);
  try {
    const store = createAttachmentStore(root, { maxBytes: 64 * 1024 });
    const { sha256 } = await store.put(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    const file = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    assert.equal((statSync(file).mode & 0o777).toString(8), '600');
    for (const dir of [root, path.dirname(path.dirname(file)), path.dirname(file)]) assert.equal((statSync(dir).mode & 0o777).toString(8), '700', dir);
  } finally {
    process.umask(previous);
    rmSync(path.dirname(root), { recursive: true, force: true });
  }
});
