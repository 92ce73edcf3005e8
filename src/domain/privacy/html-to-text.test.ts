import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from './html-to-text.ts';
import { scanText } from './scan-text.ts';

test('HTML to text', () => {
  const cases: [string, string, string][] = [
    ['<p>第一段</p><p>第二段</p>', '第一段\n第二段', 'paragraphs become lines'],
    ['甲<br>乙<br/>丙', '甲\n乙\n丙', 'line breaks'],
    ['<table><tr><td>张三</td><td>138</td></tr><tr><td>李四</td></tr></table>', '张三\t138\n李四', 'cells become tabs, rows lines'],
    ['<script>var a="13807451234";</script><style>p{}</style>正文', '正文', 'scripts and styles are dropped'],
    ['<!-- 13807451234 -->正文', '正文', 'comments are dropped'],
    ['&lt;机密&gt; &amp; &#26426;&#x5BC6; &ldquo;引&rdquo;&nbsp;尾', '<机密> & 机密 “引” 尾', 'entities'],
    ['&unknown; &#xD800;', '&unknown; &#xD800;', 'unknown or invalid entities stay'],
    ['<span>138</span><span>0745</span><b>1234</b>', '13807451234', 'inline tags do not separate'],
    ['<div>\n   多余   空白 \n</div>', '多余 空白', 'whitespace collapses'],
  ];
  for (const [html, expected, rule] of cases) assert.equal(htmlToText(html), expected, rule);
});

test('an HTML list can be scanned', () => {
  const html = '<h1>名单</h1><table><tr><th>姓名</th><th>电话</th></tr><tr><td>张三</td><td>13807451234</td></tr></table><p class="x">秘密&#9733;1年</p>';
  assert.deepEqual(scanText(htmlToText(html)).map((f) => `${f.kind}:${f.text}`), ['mobile:13807451234', 'secret_marking:秘密★1年']);
});
