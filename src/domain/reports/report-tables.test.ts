import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HeaderCell, ReportTable } from './report-table.ts';
import { TABLE_FOUR_COLUMNS, buildTableFour } from './table-four.ts';
import { TABLE_THREE_CORNER, buildTableThree, tableThreeRowKeys, tableThreeRowOf } from './table-three.ts';
import { TABLE_TWO_SPECS, buildTableTwo } from './table-two.ts';
import { officialTablesFor } from './table-templates.ts';
import { SECTION_OUTLINES } from './report-sections.ts';

/** Places cells row by row into a grid of the given width, as a renderer would, and fails on gaps or overlaps. */
function assertGrid(rows: ReadonlyArray<readonly HeaderCell[]>, width: number, what: string): void {
  const taken: boolean[][] = rows.map(() => Array.from({ length: width }, () => false));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && taken[r]?.[c] === true) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const row = taken[r + dr];
          assert.ok(row !== undefined && c + dc < width, `${what}: “${cell.label}” overflows the grid`);
          assert.equal(row[c + dc], false, `${what}: “${cell.label}” overlaps another cell`);
          row[c + dc] = true;
        }
      }
      c += cell.colSpan;
    }
  });
  taken.forEach((row, r) => assert.ok(row.every(Boolean), `${what}: row ${String(r)} has a gap`));
}

function assertDrawable(table: ReportTable): void {
  assertGrid(table.header, table.stubColumns + table.columns.length, `${table.id} header`);
  if (table.stubColumns > 0) assertGrid(table.rows.map((r) => r.stub), table.stubColumns, `${table.id} stub`);
  for (const row of table.rows) assert.equal(row.values.length, table.columns.length, `${table.id} row ${row.key}`);
}

// 国办公开办函〔2021〕30号 表三, verbatim (domain-reference §2.1.3).
const TABLE_THREE_2021_LABELS = `
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
（七）总计
四、结转下年度继续办理
`.trim().split('\n');

test('表三（30号）: exactly 25 data rows × 7 columns, labels verbatim and in order', () => {
  const t = buildTableThree('2021', new Map());
  assert.equal(t.rows.length, 25);
  assert.deepEqual(t.rows.map((r) => r.label), TABLE_THREE_2021_LABELS);
  assert.deepEqual(t.columns.map((c) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(tableThreeRowKeys('2021'), t.rows.map((r) => r.key));
});

test('表三表头: the corner cell carries “（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）” over 3 stub columns and 3 header rows', () => {
  const t = buildTableThree('2021', new Map());
  assert.equal(TABLE_THREE_CORNER, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  assert.deepEqual(t.header[0]?.[0], { label: TABLE_THREE_CORNER, rowSpan: 3, colSpan: 3 });
  assert.deepEqual(t.header[0]?.[1], { label: '申请人情况', rowSpan: 1, colSpan: 7 });
  assert.deepEqual(t.header[1]?.map((c) => [c.label, c.rowSpan, c.colSpan]), [['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]]);
  assert.ok(!t.columns.some((c) => c.label.includes('小计')), '官方表没有“法人或其他组织小计”列');
});

test('表三 stubs: 三、本年度办理结果 spans the 21 outcome rows and （七）总计; （三）不予公开 spans its 8 items', () => {
  const t = buildTableThree('2021', new Map());
  const disclosed = t.rows.find((r) => r.key === 'disclosed');
  assert.deepEqual(disclosed?.stub.map((c) => [c.label, c.rowSpan, c.colSpan]), [['三、本年度办理结果', 22, 1], ['（一）予以公开', 1, 2]]);
  const secret = t.rows.find((r) => r.key === 'withheld_state_secret');
  assert.deepEqual(secret?.stub.map((c) => [c.label, c.rowSpan]), [['（三）不予公开', 8], ['1.属于国家秘密', 1]]);
  assert.deepEqual(t.rows.find((r) => r.key === 'carried_out')?.stub, [{ label: '四、结转下年度继续办理', rowSpan: 1, colSpan: 3 }]);
});

test('表三（60号试行格式）: （六）其他处理 is a single row, so 23 rows; every （六） outcome counts in it', () => {
  const t = buildTableThree('2019', new Map());
  assert.equal(t.rows.length, 23);
  const other = t.rows.find((r) => r.key === 'other');
  assert.equal(other?.label, '（六）其他处理');
  assert.deepEqual(other?.stub.map((c) => c.colSpan), [2]);
  assert.equal(tableThreeRowOf('other_fee_unpaid', '2019'), 'other');
  assert.equal(tableThreeRowOf('other_fee_unpaid', '2021'), 'other_fee_unpaid');
  assert.equal(t.rows[2]?.stub[0]?.rowSpan, 20);
});

test('表四: 行政复议 5 columns; 行政诉讼 未经复议直接起诉 5 and 复议后起诉 5, each 结果维持｜结果纠正｜其他结果｜尚未审结｜总计', () => {
  const t = buildTableFour();
  assert.equal(t.columns.length, 15);
  const group = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  assert.deepEqual(t.columns.map((c) => c.label), [...group, ...group, ...group]);
  assert.deepEqual(t.header[0]?.map((c) => [c.label, c.rowSpan, c.colSpan]), [['行政复议', 2, 5], ['行政诉讼', 1, 10]]);
  assert.deepEqual(t.header[1]?.map((c) => [c.label, c.colSpan]), [['未经复议直接起诉', 5], ['复议后起诉', 5]]);
  assert.equal(TABLE_FOUR_COLUMNS[5]?.key, 'litigation_direct.upheld');
});

test('表二（30号）: 第二十条第（一）（五）（六）（八）项 with their verbatim rows and columns; no （九）项', () => {
  const parts = buildTableTwo('2021', {});
  assert.deepEqual(parts.map((p) => p.caption), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  assert.deepEqual(parts[0]?.header[1]?.map((c) => c.label), ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
  assert.deepEqual(parts[0]?.rows.map((r) => r.label), ['规章', '行政规范性文件']);
  assert.deepEqual(parts[1]?.rows.map((r) => r.label), ['行政许可']);
  assert.deepEqual(parts[1]?.columns.map((c) => c.label), ['本年处理决定数量']);
  assert.deepEqual(parts[2]?.rows.map((r) => r.label), ['行政处罚', '行政强制']);
  assert.deepEqual(parts[3]?.columns.map((c) => [c.label, c.kind]), [['本年收费金额（单位：万元）', 'amount']]);
  assert.deepEqual(parts[3]?.rows.map((r) => r.label), ['行政事业性收费']);
});

test('表二（60号试行格式）: 规范性文件 row, 本年新制作/新公开/对外公开总数量, 其他对外管理服务事项, 本年增/减 signed, （九）政府集中采购', () => {
  const parts = buildTableTwo('2019', {});
  assert.equal(parts.length, 5);
  assert.deepEqual(parts[0]?.columns.map((c) => c.label), ['本年新制作数量', '本年新公开数量', '对外公开总数量']);
  assert.deepEqual(parts[0]?.rows.map((r) => r.label), ['规章', '规范性文件']);
  assert.deepEqual(parts[1]?.rows.map((r) => r.label), ['行政许可', '其他对外管理服务事项']);
  assert.deepEqual(parts[1]?.columns.map((c) => [c.label, c.kind]), [['上一年项目数量', 'count'], ['本年增/减', 'change'], ['处理决定数量', 'count']]);
  assert.deepEqual(parts[3]?.columns.map((c) => c.label), ['上一年项目数量', '本年增/减']);
  assert.deepEqual(parts[4]?.rows.map((r) => r.label), ['政府集中采购']);
  assert.deepEqual(parts[4]?.columns.map((c) => c.label), ['采购项目数量', '采购总金额']);
  assert.equal(TABLE_TWO_SPECS['2019'].length, 5);
});

for (const format of ['2019', '2021'] as const) {
  test(`every ${format} table can be drawn: header and stub spans tile the grid with no gap or overlap`, () => {
    for (const table of officialTablesFor(format)) assertDrawable(table);
  });
}

test('part titles: 30号 six parts verbatim; 60号 五 as reports printed it; 2008 seven parts as the seed', () => {
  assert.deepEqual(SECTION_OUTLINES['2021'].map((s) => s.title), [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ]);
  assert.equal(SECTION_OUTLINES['2019'][4]?.title, '五、政府信息公开工作存在的主要问题及改进情况');
  assert.deepEqual(SECTION_OUTLINES['2008'].filter((s) => !s.optional).map((s) => s.title), [
    '一、概述',
    '二、主动公开政府信息情况',
    '三、依申请公开政府信息情况',
    '四、复议、诉讼情况',
    '五、收费及减免情况',
    '六、机构、人员和经费情况',
    '七、存在的主要问题和改进措施',
  ]);
});
