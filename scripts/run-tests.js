#!/usr/bin/env node
// `npm test`: finds every *.test.ts under src/ and test/ and runs them with node's test runner
// (through tsx). Says loudly which environment-dependent suites will be skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(full);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...findTests('src'), ...findTests('test'), ...findTests('bench')].sort();

const warnings = [];
if (!process.env.GONGKAI_TEST_DATABASE_URL) {
  warnings.push('GONGKAI_TEST_DATABASE_URL 未设置：存储测试只在 SQLite 上运行，PostgreSQL 被跳过。' +
    '（例：GONGKAI_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test）');
}
const chromium = process.env.GONGKAI_CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  warnings.push(`未找到 Chromium（${chromium}）：端到端浏览器测试被跳过。安装：apt-get install chromium fonts-noto-cjk`);
}
const soffice = process.env.GONGKAI_SOFFICE_PATH || 'soffice';
if (spawnSync(soffice, ['--version'], { stdio: 'ignore' }).error) {
  warnings.push(`未找到 LibreOffice（${soffice}）：年度报告 DOCX 转 PDF 的检查被跳过。安装：apt-get install --no-install-recommends libreoffice-writer-nogui`);
}
if (spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('chi_sim') !== true) {
  warnings.push('未找到 tesseract 或其中文语言包 chi_sim：图片和扫描版 PDF 的文字识别测试改走“未能自动检测”分支。安装：apt-get install tesseract-ocr tesseract-ocr-chi-sim');
}
const banner = (lines) => {
  if (lines.length === 0) return;
  console.log('\n' + '!'.repeat(78));
  for (const l of lines) console.log('!! SKIPPED: ' + l);
  console.log('!'.repeat(78) + '\n');
};
banner(warnings);

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: { ...process.env, TZ: process.env.TZ ?? 'UTC' } },
);
banner(warnings);
process.exit(result.status ?? 1);
