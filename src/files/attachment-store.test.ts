import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
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
