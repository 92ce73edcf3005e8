import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFormatFor, hasOfficialTables, isReportFormat, type ReportFormat } from './report-formats.ts';

const cases: Array<[year: number, format: ReportFormat, rule: string]> = [
  [2008, '2008', '旧条例时期：无全国统一表格'],
  [2017, '2008', '旧条例时期（种子报告 黔城镇2017）'],
  [2018, '2008', '新条例2019-05-15施行前的最后一个年度'],
  [2019, '2019', '国办公开办函〔2019〕60号 试行格式（2019—2020 年度报告使用）'],
  [2020, '2019', '国办公开办函〔2019〕60号 试行格式（2019—2020 年度报告使用）'],
  [2021, '2021', '国办公开办函〔2021〕30号'],
  [2030, '2021', '国办公开办函〔2021〕30号（现行）'],
];
for (const [year, format, rule] of cases) {
  test(`defaultFormatFor(${String(year)}) = ${format}: ${rule}`, () => {
    assert.equal(defaultFormatFor(year), format);
  });
}

test('only the 2019 and 2021 formats print the official tables; format codes are a closed set', () => {
  assert.equal(hasOfficialTables('2008'), false);
  assert.equal(hasOfficialTables('2019'), true);
  assert.equal(hasOfficialTables('2021'), true);
  assert.equal(isReportFormat('2021'), true);
  assert.equal(isReportFormat('2022'), false);
});
