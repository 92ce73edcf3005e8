import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test/web-harness.ts';
import { canonicalPublicUrl } from './public-parameters.ts';

const canonical = (path: string) => canonicalPublicUrl(new URL(path, 'https://gk.example.cn')).replace('https://gk.example.cn', '');

test('public URLs have one canonical form: the parameters the page reads, in order, normalised, defaults and the rest dropped', () => {
  const cases: Array<[string, string, string]> = [
    ['/', '/', 'no parameters'],
    ['/?u=1', '/', 'the home page reads none'],
    ['/xxgk/items/12?utm_source=x', '/xxgk/items/12', 'nor does an item page'],
    ['/xxgk/catalogue?page=1&year=&clause=&category=', '/xxgk/catalogue', 'the filter form sends empty fields; page 1 is the default'],
    ['/xxgk/catalogue?year=2017&agency=3&u=1', '/xxgk/catalogue?agency=3&year=2017', 'fixed order, unknown dropped'],
    ['/xxgk/catalogue?agency=3&year=2017', '/xxgk/catalogue?agency=3&year=2017', 'same key either way'],
    ['/xxgk/catalogue?page=02&year=%202017%20', '/xxgk/catalogue?year=2017&page=2', 'trimmed; numbers without leading zeros'],
    ['/xxgk/search?q=%20%E4%BF%9D%E5%AF%86%20&page=1', '/xxgk/search?q=%E4%BF%9D%E5%AF%86', 'search text trimmed'],
    ['/xxgk/search?q=007', '/xxgk/search?q=007', 'search text is text'],
    [`/xxgk/search?q=${encodeURIComponent('e\u0301')}`, `/xxgk/search?q=${encodeURIComponent('\u00e9')}`, 'NFC'],
    ['/xxgk/search?q=a&q=b', '/xxgk/search?q=a', 'the first value counts, as the page reads it'],
    ['/xxgk/interpretations?page=3&genre=x', '/xxgk/interpretations?page=3', 'a paged list'],
    ['/xxgk/village-affairs/9?page=1', '/xxgk/village-affairs/9', ''],
    ['/xxgk/request-statistics?year=02025', '/xxgk/request-statistics?year=02025', 'this page wants four digits: not rewritten'],
    ['/api/v1/items?offset=0&limit=20&genre=interpretation&x=1', '/api/v1/items?genre=interpretation', 'API defaults'],
    ['/api/v1/items?agency=02&limit=5', '/api/v1/items?agency=02&limit=5', 'the API compares agencies as text'],
    ['/feeds/2.atom?category=finance&x=1', '/feeds/2.atom?category=finance', 'feeds read their category'],
    ['/sitemap.xml?x=1', '/sitemap.xml', ''],
  ];
  for (const [given, expected, why] of cases) assert.equal(canonical(given), expected, `${given}: ${why}`);
});

test('the portal’s page cache keys on the canonical URL: a junk parameter is a hit and never shows on the page; parameter order does not matter', async () => {
  const t = await createTestApp();
  try {
    const a = t.agent();
    const first = await a.get('/xxgk/catalogue?year=2017&u=%3Cjunk%3E');
    assert.equal(first.headers.get('x-cache'), null);
    const html = await first.text();
    assert.match(html, /信息公开目录（共 52 条）/, 'the filter the page reads still applies');
    assert.doesNotMatch(html, /junk/, 'what a visitor appends is not rendered into a page others are served');
    const again = await a.get('/xxgk/catalogue?u=2&page=1&year=2017');
    assert.equal(again.headers.get('x-cache'), 'hit');
    assert.equal(await again.text(), html);
    await a.get('/api/v1/items?genre=news&year=2017');
    assert.equal((await a.get('/api/v1/items?year=2017&genre=news&limit=20')).headers.get('x-cache'), 'hit', 'order and defaults do not matter');
  } finally {
    await t.close();
  }
});
