import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STATUTORY_CLAUSES,
  STATUTORY_CLAUSE_INFO,
  clauseLevelOf,
  clausesFor,
  isClauseApplicable,
  isStatutoryClause,
} from './statutory-clauses.ts';

test('条例第二十条 has fifteen items, numbered （一）–（十五）, quoted verbatim', () => {
  const art20 = STATUTORY_CLAUSES.filter((c) => STATUTORY_CLAUSE_INFO[c].article === '第二十条');
  assert.equal(art20.length, 15);
  assert.equal(STATUTORY_CLAUSE_INFO.art20_1.label, '行政法规、规章和规范性文件');
  assert.equal(STATUTORY_CLAUSE_INFO.art20_1.citation, '条例第二十条第（一）项');
  assert.equal(STATUTORY_CLAUSE_INFO.art20_7.label, '财政预算、决算信息');
  assert.equal(STATUTORY_CLAUSE_INFO.art20_15.item, '（十五）');
  assert.equal(STATUTORY_CLAUSE_INFO.art20_15.label, '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息');
});

test('every clause has its own info record and the guard accepts exactly the clauses', () => {
  for (const c of STATUTORY_CLAUSES) assert.equal(STATUTORY_CLAUSE_INFO[c].clause, c);
  assert.equal(isStatutoryClause('art20_9'), true);
  assert.equal(isStatutoryClause('art20_16'), false);
  assert.equal(isStatutoryClause(20), false);
});

const levelCases: Array<[rule: string, clause: (typeof STATUTORY_CLAUSES)[number], level: 'all' | 'city_county' | 'town', applies: boolean]> = [
  ['第二十条 binds every organ: a town', 'art20_7', 'town', true],
  ['第二十条 binds every organ: a county', 'art20_7', 'city_county', true],
  ['第二十一条后段: 宅基地使用情况审核 is a town area', 'art21_homestead_review', 'town', true],
  ['第二十一条前段 does not list 宅基地使用情况审核 for counties', 'art21_homestead_review', 'city_county', false],
  ['第二十一条前段: 治安管理 is a county area', 'art21_public_security', 'city_county', true],
  ['第二十一条后段 does not list 治安管理 for towns', 'art21_public_security', 'town', false],
  ['第二十一条 lists 土地征收 for both levels (town)', 'art21_land_expropriation', 'town', true],
  ['第二十一条 lists 土地征收 for both levels (county)', 'art21_land_expropriation', 'city_county', true],
  ['第二十一条 lists 社会救助 for both levels', 'art21_social_assistance', 'town', true],
];
for (const [rule, clause, level, applies] of levelCases) {
  test(`isClauseApplicable — ${rule}`, () => assert.equal(isClauseApplicable(clause, level), applies));
}

test('条例第二十一条 town areas: 15 items of 第二十条 plus the 8 areas of the second half', () => {
  const town = clausesFor('town').filter((c) => c.startsWith('art21_')).map((c) => STATUTORY_CLAUSE_INFO[c].label);
  assert.deepEqual(town, ['贯彻落实农业农村政策', '农田水利工程建设运营', '农村土地承包经营权流转', '宅基地使用情况审核', '土地征收', '房屋征收', '筹资筹劳', '社会救助']);
  assert.equal(clausesFor('town').length, 23);
  const county = clausesFor('city_county').filter((c) => c.startsWith('art21_')).map((c) => STATUTORY_CLAUSE_INFO[c].label);
  assert.deepEqual(county, ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助']);
});

const lineageCases: Array<[rule: string, lineage: Parameters<typeof clauseLevelOf>[0], level: 'city_county' | 'town']> = [
  ['a town government works at town level', ['town_gov', 'county_gov'], 'town'],
  ['a station of a town takes the town level', ['station', 'town_gov', 'county_gov'], 'town'],
  ['a county department works at county level', ['department', 'county_gov'], 'city_county'],
  ['a station of a county department takes the county level', ['station', 'department', 'county_gov'], 'city_county'],
  ['a stand-alone department is treated as county level', ['department'], 'city_county'],
];
for (const [rule, lineage, level] of lineageCases) {
  test(`clauseLevelOf — ${rule}`, () => assert.equal(clauseLevelOf(lineage), level));
}
