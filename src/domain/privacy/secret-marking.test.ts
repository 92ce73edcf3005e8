import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from './scan-text.ts';

// Through scanText, so that overlapping rules resolve the way a reviewer sees them.
const markings = (text: string): string[] =>
  scanText(text).filter((f) => f.kind === 'secret_marking').map((f) => `${f.severity}:${f.text}`);

test('markings in header form block', () => {
  const cases: [string, string[], string][] = [
    ['机密★5年\n关于……的纪要', ['block:机密★5年'], 'classification ★ period'],
    ['秘密★1年', ['block:秘密★1年'], '秘密★1年'],
    ['机密★长期', ['block:机密★长期'], '长期'],
    ['绝密★', ['block:绝密★'], 'star without period'],
    ['秘密★２０２５年１２月３１日前', ['block:秘密★２０２５年１２月３１日前'], 'a date period, full-width digits'],
    ['机密*10年', ['block:机密*10年'], 'an ASCII asterisk with a period'],
    ['洪江市人民政府\t\t机密★5年', ['block:机密★5年'], 'right-aligned header'],
    ['密级：机密', ['block:密级：机密'], 'label form'],
    ['文件密级: 秘密★3年', ['block:密级: 秘密★3年'], 'label with star'],
    ['保密期限：10年', ['block:保密期限：10年'], 'period label'],
    ['机密\n正文', ['block:机密'], 'alone on the first line'],
    ['  秘  密  \n', ['block:秘  密'], 'spaced typesetting'],
    ['【绝密】', ['block:绝密'], 'in brackets'],
    ['机密（5年）', ['block:机密（5年）'], 'period in brackets'],
    ['洪政发〔2017〕12号    机密', ['block:机密'], 'after a wide gap on the header line'],
    ['（内部资料 注意保密）', ['block:内部资料 注意保密'], 'handling note in brackets'],
    ['内部资料，注意保密', ['block:内部资料，注意保密'], 'two handling markers in a row'],
    ['内部资料 2023年第3期', ['block:内部资料'], 'internal bulletin masthead'],
    ['【内部掌握】', ['block:内部掌握'], 'bracketed 内部掌握'],
    ['注意保密', ['block:注意保密'], 'alone on a line'],
    ['本纪要仅供内部使用。', ['block:仅供内部使用'], '仅供内部使用 anywhere'],
    ['（此件不公开）', ['block:此件不公开'], '公文 note: not to be published'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(markings(text), expected, rule);
});

test('ordinary words and legal citations are not markings', () => {
  const cases: [string, string][] = [
    ['涉及国家秘密的不予公开。', 'statute: 国家秘密'],
    ['第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。', '商业秘密'],
    ['国家秘密的密级分为绝密、机密、秘密三级。', 'the three levels named in prose'],
    ['绝密级国家秘密是最重要的国家秘密', '绝密级 at a line start'],
    ['秘密投票的具体办法另行制定。', '秘密投票'],
    ['机密性、完整性和可用性', '机密性'],
    ['各单位要注意保密，增强保密意识。', '注意保密 in prose'],
    ['确定密级应当依据定密权限。', '密级 without a level'],
    ['密级：公开', 'a public level is no marking'],
    ['（此件主动公开）', '公文 note: proactively published'],
    ['第十六条 行政机关的内部事务信息，可以不予公开。', '内部事务信息'],
  ];
  for (const [text, rule] of cases) assert.deepEqual(markings(text), [], rule);
});

test('handling words in running prose only warn', () => {
  const cases: [string, string[], string][] = [
    ['本期简报所载数据为内部资料，以统计部门数据为准。', ['warn:内部资料'], '内部资料 in a sentence'],
    ['考试题目严禁外传。', ['warn:严禁外传'], '严禁外传 in a sentence'],
    ['（此件依申请公开）', ['warn:此件依申请公开'], 'on request only: not for proactive publication'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(markings(text), expected, rule);
});

test('a marking is never masked and the allow-list cannot suppress it', () => {
  const [finding] = scanText('秘密★1年', { allowList: ['秘密★1年'] });
  assert.equal(finding?.kind, 'secret_marking');
  assert.equal(finding?.masked, '秘密★1年');
});
