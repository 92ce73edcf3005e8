import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitiseBodyHtml } from './sanitise-html.ts';

test('item bodies keep structure and lose scripts, styles, handlers and javascript: links', () => {
  const dirty = '<h1>通知</h1><p style="color:red" onclick="x()">各村：<script>alert(1)</script><a href="javascript:alert(1)">点此</a> <a href="https://www.gov.cn/">中国政府网</a></p><table><tr><td colspan="2">名单</td></tr></table><img src=x onerror=alert(1)>';
  const clean = sanitiseBodyHtml(dirty);
  assert.doesNotMatch(clean, /script|style=|onclick|onerror|javascript:|<img/i);
  assert.match(clean, /<h2>通知<\/h2>/);
  assert.match(clean, /<a href="https:\/\/www.gov.cn\/" rel="noopener noreferrer">中国政府网<\/a>/);
  assert.match(clean, /<td colspan="2">名单<\/td>/);
});
