import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from './xml.ts';

test('the strict XML reader accepts well-formed documents and rejects what parsers reject', () => {
  const root = parseXml('<?xml version="1.0" encoding="utf-8"?><feed a="1 &amp; 2"><title>甲&lt;乙&#x4E19;</title><link href=\'x\'/></feed>');
  assert.equal(root.name, 'feed');
  assert.equal(root.attributes.a, '1 & 2');
  assert.equal(root.children[0]!.text, '甲<乙丙');
  assert.equal(root.children[1]!.attributes.href, 'x');
  for (const bad of ['<a>\u000b</a>', '<a>&#11;</a>', '<a>&nbsp;</a>', '<a>a & b</a>', '<a><b></a></b>', '<a>', '<a></a><b></b>', 'x<a></a>', '<a b=1></a>', '<a b="1" b="2"></a>', '<a>\uD800</a>']) {
    assert.throws(() => parseXml(bad), Error, bad);
  }
});
