import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { inspectZip, verifyZipInflation, ZipLimitError } from './zip-limits.ts';
import { docxBomb, zipOf } from '../../test/zip-bombs.ts';

const LIMITS = { maxEntries: 100, maxUnpackedBytes: 8 * 1048576 };

test('a DOCX that declares more unpacked bytes than the cap is refused from its directory alone, without inflating', () => {
  const bomb = docxBomb(40);
  assert.ok(bomb.length < 200_000, `the bomb is small: ${bomb.length} bytes`);
  assert.throws(() => inspectZip(bomb, LIMITS), (e: unknown) => e instanceof ZipLimitError && /解压后过大（超过 8 MB）.*压缩炸弹/.test(e.message));
  // Nothing is inflated: with the compressed data wiped out, the refusal is the same.
  const wiped = new Uint8Array(bomb);
  wiped.fill(0, 200, bomb.length - 400);
  assert.throws(() => inspectZip(wiped, LIMITS), /解压后过大/);
});

test('a DOCX that lies about its sizes passes the directory check but is refused while inflating, at the declared size', () => {
  const liar = docxBomb(40, { declareBytes: 1000 });
  assert.equal(inspectZip(liar, LIMITS).find((e) => e.name === 'word/document.xml')?.uncompressedSize, 1000);
  const before = process.memoryUsage().rss;
  assert.throws(() => verifyZipInflation(liar, LIMITS), (e: unknown) => e instanceof ZipLimitError && /与其声明不符.*压缩炸弹/.test(e.message));
  assert.ok(process.memoryUsage().rss - before < 20 * 1048576, 'the 40 MB were never produced');
});

test('too many entries and a damaged directory are refused in Chinese', () => {
  const many = zipOf(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.xml`, data: new Uint8Array([60, 97, 47, 62]) })));
  assert.throws(() => inspectZip(many, LIMITS), /文件过多：101 个，上限 100 个/);
  assert.throws(() => inspectZip(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), LIMITS), /已损坏/);
});

test('an ordinary DOCX passes both checks', async () => {
  const doc = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('黔城镇人民政府')] }] })));
  assert.ok(inspectZip(doc, LIMITS).some((e) => e.name === 'word/document.xml'));
  verifyZipInflation(doc, LIMITS);
});
