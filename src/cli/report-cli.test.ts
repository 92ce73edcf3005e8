// `gongkai report` on the demo data: the seed report (黔城镇人民政府2017年政府信息公开工作年度报告) is
// reproduced from the records the demo puts through the real workflow, and the recent demo years pass
// validation in the 2021 format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { main, type Io } from './main.ts';

function capture(env: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { NODE_ENV: 'test', ...env } };
}

interface ReportJson {
  agency: { name: string };
  year: number;
  format: string;
  figures: Record<string, number | null>;
  tables: Record<string, { rows: Array<{ label: string; values: number[] }> }>;
  sections: Array<{ title: string; paragraphs: Array<{ text: string }> }>;
  preface: string[];
  valid: boolean;
  validation: Array<{ rule: string; level: string; passed: boolean; message: string }>;
}

test('gongkai report: the seed 2017 report from the demo data; 2024 and 2025 in the 2021 format; DOCX, CSV, HTML; import; bad input', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-report-'));
  const env = { GONGKAI_DATA_DIR: dir };
  const run = async (...args: string[]) => {
    const io = capture(env);
    const code = await main(args, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  try {
    assert.equal((await run('demo')).code, 0);
    const help = await run('report', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /^用法：gongkai report --agency/);

    const r2017 = await run('report', '--agency', '黔城镇人民政府', '--year', '2017', '--include-subunits');
    assert.equal(r2017.code, 0, r2017.err);
    const seed = JSON.parse(r2017.out) as ReportJson;
    assert.deepEqual([seed.agency.name, seed.year, seed.format], ['黔城镇人民政府', 2017, '2008']);
    const f = seed.figures;
    assert.deepEqual(
      {
        documents: f['proactive.documents'],
        fullText: f['proactive.documents_fulltext_rate'],
        sms: f['channels.sms'],
        printed: f['channels.printed_materials'],
        received: f['requests.received'],
        online: f['requests.by_channel.online'],
        letter: f['requests.by_channel.letter'],
        onTime: f['requests.replied_on_time'],
        alreadyPublic: f['requests.reply.already_public'],
        agreed: f['requests.reply.provided'],
        carriedOut: f['requests.carried_out'],
        reconsideration: f['appeals.reconsideration.total'],
        litigation: f['appeals.litigation.total'],
      },
      { documents: 43, fullText: 1, sms: 152, printed: 400, received: 3, online: 1, letter: 2, onTime: 2, alreadyPublic: 1, agreed: 1, carriedOut: 1, reconsideration: 0, litigation: 0 },
    );
    const text = (title: string) => seed.sections.find((s) => s.title === title)?.paragraphs.map((p) => p.text).join('') ?? '';
    assert.match(seed.preface.join(''), /本年报所列数据的统计期限为2017年1月1日起至2017年12月31日止。/);
    assert.match(text('二、主动公开政府信息情况'), /2017年新增公文类信息43条，全文电子化率达100%。/);
    assert.match(text('二、主动公开政府信息情况'), /全年共分发党政报刊读物400册，短信消息152条。/);
    assert.match(text('三、依申请公开政府信息情况'), /全年共收到政府信息公开申请3件，其中网上申请1件，信函申请2件。/);
    assert.match(text('三、依申请公开政府信息情况'), /其中按时答复2件。从办理结果看，属于已主动公开范围的1件，同意公开的1件。/);
    assert.match(text('四、复议、诉讼情况'), /本年度未发生政府信息公开行政复议和行政诉讼案件。/);
    assert.match(text('一、概述'), /政府信息公开和政务公开工作领导小组/);
    assert.ok(seed.valid);
    assert.deepEqual(seed.validation.filter((v) => !v.passed).map((v) => v.rule), ['sections.not_empty'], 'the seed reported no staffing either');

    for (const year of ['2024', '2025']) {
      const r = await run('report', '--agency', '黔城镇人民政府', '--year', year, '--include-subunits', '--output', 'json');
      const report = JSON.parse(r.out) as ReportJson;
      assert.equal(report.format, '2021');
      assert.deepEqual(report.validation.filter((v) => !v.passed && v.level === 'error'), [], year);
      assert.ok(report.validation.filter((v) => v.passed).length >= 10);
      const t3 = report.tables.table3!.rows;
      assert.equal(t3.length, 25);
      assert.equal(t3[0]!.label, '一、本年新收政府信息公开申请数量');
      assert.ok(t3.every((row) => row.values.length === 7));
      assert.ok(report.tables.table2!.rows.length >= 6 && report.tables.table4!.rows.length === 1);
    }
    const y2024 = JSON.parse((await run('report', '--agency', '黔城镇人民政府', '--year', '2024', '--include-subunits')).out) as ReportJson;
    assert.ok((y2024.figures['requests.received'] ?? 0) >= 5 && y2024.figures['appeals.reconsideration.total'] === 1 && (y2024.figures['fees.collected_yuan'] ?? 0) > 0);
    assert.equal(y2024.figures['proactive.licensing_decisions'], 126, 'the inputs kept with the draft');

    const docx = path.join(dir, '2024.docx');
    assert.equal((await run('report', '--agency', '黔城镇人民政府', '--year', '2024', '--include-subunits', '--output', 'docx', '--out', docx)).code, 0);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    assert.match(xml, /<w:gridSpan w:val="7"\/>/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.ok(xml.includes('三、本年度办理结果') && xml.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));

    const csv = await run('report', '--agency', '黔城镇人民政府', '--year', '2024', '--include-subunits', '--output', 'csv', '--table', 'table3');
    assert.equal(csv.out.trimEnd().split('\r\n').length, 27);
    const html = await run('report', '--agency', '1', '--year', '2017', '--output', 'html');
    assert.equal(html.code, 0, html.err);
    assert.match(html.out, /<h1>洪江市人民政府2017年政府信息公开工作年度报告<\/h1>/);

    // A past report imported for the year before: the 2017 report checks its 上年结转 against it.
    const file = path.join(dir, '2016.json');
    writeFileSync(file, JSON.stringify({ year: 2016, format: '2008', figures: Object.fromEntries(['natural_person', 'commercial_enterprise', 'research_institution', 'public_welfare_organisation', 'legal_service_provider', 'other_organisation'].map((t) => [`requests.carried_out.${t}`, 0])) }));
    const imported = await run('report', 'import', file, '--agency', '黔城镇人民政府');
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /已导入 黔城镇人民政府2016年度报告/);
    const again = JSON.parse((await run('report', '--agency', '黔城镇人民政府', '--year', '2017', '--include-subunits')).out) as ReportJson;
    assert.ok(again.validation.some((v) => v.rule === 'cross_year.carried_in' && v.passed));

    // A filled official report as Word or as a web page: its tables 二、三、四 are read and imported.
    const word = path.join(dir, '2022年报.docx');
    assert.equal((await run('report', '--agency', '黔城镇人民政府', '--year', '2022', '--include-subunits', '--output', 'docx', '--out', word)).code, 0);
    const fromWord = await run('report', 'import', word, '--agency', '黔城镇人民政府');
    assert.equal(fromWord.code, 0, fromWord.err);
    assert.match(fromWord.out, /已导入 黔城镇人民政府2022年度报告（2021 格式/);
    const page = path.join(dir, '2021年报.html');
    assert.equal((await run('report', '--agency', '黔城镇人民政府', '--year', '2021', '--output', 'html', '--out', page)).code, 0);
    writeFileSync(page, readFileSync(page, 'utf8').replace(/<table data-tables="table3">[\s\S]*?<\/table>/, ''));
    const missing = await run('report', 'import', page, '--agency', '黔城镇人民政府');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /找不到表三“收到和处理政府信息公开申请情况”/);

    const bad: Array<[string[], number, RegExp]> = [
      [['report', '--year', '2017'], 2, /缺少参数：--agency/],
      [['report', '--agency', '黔城镇', '--year', '17'], 2, /年度“17”无效/],
      [['report', '--agency', '黔城镇', '--year', '2017', '--format', '2020'], 2, /格式“2020”无效/],
      [['report', '--agency', '黔城镇', '--year', '2017', '--output', 'pdf'], 2, /输出格式“pdf”无效/],
      [['report', '--agency', '黔城镇', '--year', '2017', '--output', 'docx'], 2, /--out/],
      [['report', '--agency', '不存在的机构', '--year', '2017'], 1, /找不到机构：不存在的机构/],
      [['report', '--agency', '黔城镇', '--year', '2017', '--bogus'], 2, /参数有误/],
    ];
    for (const [args, code, message] of bad) {
      const r = await run(...args);
      assert.equal(r.code, code, args.join(' '));
      assert.match(r.err, message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
