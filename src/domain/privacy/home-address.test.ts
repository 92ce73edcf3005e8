import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectHomeAddresses } from './home-address.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string): string[] =>
  detectHomeAddresses(text, toHalfWidth(text)).map((f) => `${f.severity}:${f.text}:${f.masked}`);

test('home addresses next to a person', () => {
  const cases: [string, string[], string][] = [
    ['张三，住洪江市黔城镇玉壶村3组12号。', ['warn:洪江市黔城镇玉壶村3组12号:洪江市黔城镇玉壶村***'], 'the issue’s example'],
    ['张三住黔城镇清江村五组8号', ['warn:黔城镇清江村五组8号:黔城镇清江村***'], 'glued to the name, Chinese numerals'],
    ['你家住洪江市黔城镇岩门村7组15号，于……', ['warn:洪江市黔城镇岩门村7组15号:洪江市黔城镇岩门村***'], '家住'],
    ['家庭住址：洪江市芙蓉社区玉壶路12号3栋2单元301室', ['warn:洪江市芙蓉社区玉壶路12号3栋2单元301室:洪江市芙蓉社区玉壶路***'], 'labelled, flat'],
    ['1\t王五\t黔城镇玉壶村3组12号\t男', ['warn:黔城镇玉壶村3组12号:黔城镇玉壶村***'], 'table row with a name'],
    ['申请人：李四，地址：黔城镇大坪村5组23号', ['warn:黔城镇大坪村5组23号:黔城镇大坪村***'], 'generic 地址 beside a labelled name'],
    ['1\t王五\t玉壶村3组\t男', ['info:玉壶村3组:玉壶村***'], 'only to the village group: noted'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('not home addresses', () => {
  const cases: [string, string][] = [
    ['洪政发〔2017〕12号', '文号'],
    ['（国务院令第711号）', '令 number'],
    ['地点：黔城镇人民政府3楼会议室', 'a room in the office'],
    ['办公地址：洪江市黔城镇玉壶路88号', 'office label'],
    ['联系人：李四，联系地址：洪江市黔城镇玉壶路88号', 'contact line of an institution'],
    ['经营者：李四，经营场所：洪江市黔城镇沅江路18号', 'business premises'],
    ['防汛物资储备库位于洪江市黔城镇玉壶路88号', '位于'],
    ['征收土地位置：黔城镇玉壶村3组12号地块', 'no person on the line'],
    ['2023年3组数据', 'a number after a year'],
  ];
  for (const [text, rule] of cases) assert.deepEqual(scan(text), [], rule);
});
