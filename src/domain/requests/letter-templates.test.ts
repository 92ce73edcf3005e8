import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LETTER_TEMPLATE_KEYS,
  builtInLetterTemplate,
  checkLetterTemplate,
  letterTemplateLabel,
  placeholdersFor,
  placeholdersUsed,
  renderLetterTemplate,
  requiredPlaceholders,
  type LetterTemplateKey,
} from './letter-templates.ts';
import { previewLetterTemplate, sampleStateFor } from './letter-samples.ts';
import { replyLetter, type LetterContext } from './letters.ts';

const ctx: LetterContext = { agencyName: '青山镇人民政府', reviewBodyName: '青山县人民政府', courtName: '青山县人民法院', dateOn: '2025-03-28', contact: '李老师，0731-1234567' };

test('every letter of issue #6 has a template: replies per outcome (20), 补正、延期、征求意见 ×2、收费、送达回证', () => {
  assert.equal(LETTER_TEMPLATE_KEYS.length, 26);
  assert.ok(LETTER_TEMPLATE_KEYS.includes('reply.withheld_state_secret'));
  assert.ok(!LETTER_TEMPLATE_KEYS.includes('reply.other_other' as LetterTemplateKey), 'a withdrawal gets no letter');
  assert.equal(letterTemplateLabel('reply.other_fee_unpaid'), '终止处理告知书：其他处理·申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
});

for (const key of LETTER_TEMPLATE_KEYS) {
  test(`built-in template ${key} passes its own checks and previews with the sample case`, () => {
    const template = builtInLetterTemplate(key);
    assert.deepEqual(checkLetterTemplate(key, template), []);
    const allowed = placeholdersFor(key).map((d) => d.name);
    for (const name of placeholdersUsed(template.body)) assert.ok(allowed.includes(name), `${key} uses ${name}`);
    const letter = previewLetterTemplate(key, template, ctx);
    assert.equal(letter.title, template.title);
    const text = [...letter.paragraphs.flatMap((p) => [p.text, ...(p.items ?? [])]), ...letter.fields.map((f) => f.value)].join('');
    assert.doesNotMatch(text, /\{\{|\}\}/, 'every placeholder filled');
    if (requiredPlaceholders(key).some((r) => r.name === '救济途径')) {
      assert.match(text, /60日内向青山县人民政府申请行政复议，或者在6个月内向青山县人民法院提起行政诉讼/);
    }
  });
}

test('unknown placeholders are refused, naming them', () => {
  const t = { title: '答复书', body: builtInLetterTemplate('reply.disclosed').body + '\n{{申请人电话}}{{ 不存在 }}' };
  const problems = checkLetterTemplate('reply.disclosed', t);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /未知的占位符：\{\{申请人电话\}\}、\{\{不存在\}\}/);
  // A list placeholder of another letter is unknown here too.
  assert.match(checkLetterTemplate('reply.disclosed', { title: '答复书', body: `${t.body}\n{{补正事项}}` }).join(''), /\{\{补正事项\}\}/);
  assert.match(checkLetterTemplate('reply.disclosed', { title: '答复书', body: '{{不予公开内容}}{{法律依据}}{{救济途径}}' }).join(''), /未知的占位符：\{\{不予公开内容\}\}/, '不予公开内容 belongs to 部分公开 only');
});

test('a reply without the legal citation or the remedies paragraph (60日复议、6个月诉讼) is refused', () => {
  const body = '本机关收到{{申请人}}的申请。经审查，{{答复要点}}';
  const problems = checkLetterTemplate('reply.withheld_state_secret', { title: '答复书', body });
  assert.ok(problems.some((x) => x.includes('{{法律依据}}') && x.includes('法律条文')));
  assert.ok(problems.some((x) => x.includes('{{救济途径}}') && x.includes('60日内申请行政复议') && x.includes('6个月内提起行政诉讼')));
  assert.ok(checkLetterTemplate('fee_notice', { title: '收费通知书', body: '{{法律依据}}' }).some((x) => x.includes('{{救济途径}}')), 'a fee decision can be challenged');
  assert.deepEqual(checkLetterTemplate('clarification_notice', { title: '补正告知书', body: '根据{{法律依据}}，请补正：\n{{补正事项}}' }), [], '补正告知书 needs no remedies');
  assert.ok(checkLetterTemplate('service_receipt', { title: '送达回证', body: '备注：{{送达凭证}}' }).some((x) => x.includes('{{送达文书名称}}')));
});

test('malformed braces, empty title or body, and placeholders in the title are refused', () => {
  const problems = checkLetterTemplate('extension_notice', { title: '{{机关名称}}告知书', body: '根据{{法律依据}的规定' });
  assert.ok(problems.some((x) => x.includes('文书标题不能使用占位符')));
  assert.ok(problems.some((x) => x.includes('占位符格式不正确')));
  const empty = checkLetterTemplate('extension_notice', { title: ' ', body: '' });
  assert.ok(empty.includes('请填写文书标题。') && empty.includes('请填写文书正文。'));
});

test('rendering: a list placeholder alone on a line gives the items of the paragraph above; empty lines vanish; a form gives fields', () => {
  const r = renderLetterTemplate('clarification_notice', { title: ' 补正告知 ', body: '请补正：\n{{补正事项}}\n\n{{联系方式}}\n完。' }, { 补正事项: ['一', '二'], 联系方式: '' });
  assert.equal(r.title, '补正告知');
  assert.deepEqual(r.paragraphs, [{ text: '请补正：', items: ['一', '二'] }, { text: '完。' }]);
  const form = renderLetterTemplate('service_receipt', { title: '送达回证', body: '受送达人：{{受送达人}}\n送达人：' }, { 受送达人: '张三' });
  assert.deepEqual(form.fields, [{ label: '受送达人', value: '张三' }, { label: '送达人', value: '' }]);
});

test('an agency template is used for the letter; its wording replaces the built-in one, the facts stay the system’s', () => {
  const state = sampleStateFor('reply.disclosed');
  const custom = { title: '政府信息公开答复（青山镇）', body: '{{申请人}}：你的申请（{{所需信息}}）已办结。\n依据：{{法律依据}}。\n{{救济途径}}' };
  const letter = replyLetter(state, ctx, (key) => (key === 'reply.disclosed' ? custom : null))!;
  assert.equal(letter.title, '政府信息公开答复（青山镇）');
  assert.equal(letter.paragraphs[0]!.text, '张三（示例）：你的申请（某镇2024年农村危房改造补助资金发放名单）已办结。');
  assert.match(letter.paragraphs[1]!.text, /^依据：《中华人民共和国政府信息公开条例》第三十六条/);
  assert.ok(letter.citations.length > 0);
  const fallback = replyLetter(state, ctx, () => null)!;
  assert.equal(fallback.title, '政府信息公开申请答复书', 'no agency template: the built-in one');
});

test('第三十六条（一）/（二）: a reply that states its item cites only that item', () => {
  const base = sampleStateFor('reply.disclosed');
  const already = { ...base, reply: { ...base.reply!, replyType: 'already_public' as const } };
  const provided = { ...base, reply: { ...base.reply!, replyType: 'provided' as const } };
  const a = replyLetter(already, ctx)!;
  const p = replyLetter(provided, ctx)!;
  assert.ok(a.citations.some((c) => c.includes('第三十六条第（一）项')) && !a.citations.some((c) => c.includes('第（二）项')));
  assert.ok(p.citations.some((c) => c.includes('第三十六条第（二）项')) && !p.citations.some((c) => c.includes('第（一）项')));
  assert.match(a.paragraphs.map((x) => x.text).join(''), /已经主动公开的，告知申请人获取该政府信息的方式、途径/);
});
