import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENRES, GENRE_INFO, isGenre, isOfficialDocumentGenre, normativeKindOf } from './genres.ts';

const cases: Array<[rule: string, genre: (typeof GENRES)[number], official: boolean, normative: 'regulation' | 'normative_document' | null]> = [
  ['表二 第二十条第（一）项 row 规章', 'regulation', true, 'regulation'],
  ['表二 第二十条第（一）项 row 行政规范性文件', 'normative_document', true, 'normative_document'],
  ['通知 is a 公文 type', 'notice', true, null],
  ['会议纪要 (纪要) is a 公文 type', 'minutes', true, null],
  ['工作动态 is not a 公文', 'news', false, null],
  ['政策解读 is not a 公文', 'interpretation', false, null],
  ['统计信息 is not a 公文', 'statistics', false, null],
];
for (const [rule, genre, official, normative] of cases) {
  test(`genre flags — ${rule}`, () => {
    assert.equal(isOfficialDocumentGenre(genre), official);
    assert.equal(normativeKindOf(genre), normative);
  });
}

test('every genre has a distinct label and the guard accepts exactly the genres', () => {
  assert.equal(new Set(GENRES.map((g) => GENRE_INFO[g].label)).size, GENRES.length);
  assert.equal(isGenre('notice'), true);
  assert.equal(isGenre('通知'), false);
});
