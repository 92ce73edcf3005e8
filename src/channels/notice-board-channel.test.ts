import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderNoticeBoardSheet } from './notice-board-channel.ts';

test('the week’s notice-board sheet is an A4 DOCX that opens, with each item, its index number and link', async () => {
  const bytes = await renderNoticeBoardSheet(
    {
      agencyId: 5,
      agencyName: '黔城镇大湾村民委员会',
      boardName: '大湾村政务公开栏',
      weekStartOn: '2026-11-23',
      weekEndOn: '2026-11-29',
      items: [
        { itemId: 7, title: '2026年临时救助对象公示', summary: '公示临时救助对象 3 户。', indexNumber: '11431281MB1234567X/2026-00007', documentNumber: null, publishedOn: '2026-11-26', itemPath: '/xxgk/items/7' },
        { itemId: 8, title: '关于冬季森林防火的通告', summary: '', indexNumber: '11431281MB1234567X/2026-00008', documentNumber: '黔政发〔2026〕12号', publishedOn: '2026-11-27', itemPath: '/xxgk/items/8' },
      ],
      printedAt: null,
    },
    { publicUrl: 'https://xxgk.example.gov.cn' },
  );
  assert.equal(Buffer.from(bytes.slice(0, 2)).toString('latin1'), 'PK');
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  assert.match(text, /黔城镇大湾村民委员会政务公开栏/);
  assert.match(text, /2026-11-23 至 2026-11-29 公开信息（共 2 条）/);
  assert.match(text, /2026年临时救助对象公示/);
  assert.match(text, /网址：https:\/\/xxgk\.example\.gov\.cn\/xxgk\/items\/8/);
  assert.match(text, /黔政发〔2026〕12号/);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
});
