import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createEmptyDatabase, testDialects } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function docxText(res: Response): Promise<string> {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

const alert = (html: string) => /role="alert">\s*<p>([^<]+)/.exec(html)?.[1] ?? '';

for (const dialect of testDialects()) {
  describe(`request letters, templates, delivery, fees and 第四十四条 in the console [${dialect}]`, () => {
    let t: TestApp;
    let drop: () => Promise<void> = async () => {};
    let townId = 0;
    before(async () => {
      const created = await createEmptyDatabase(dialect);
      drop = created.drop;
      t = await createTestApp({ db: created.db });
      townId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
    });
    after(async () => {
      await t.close();
      if (dialect === 'postgres') await drop();
    });

    /** Registers an in-person request through the service and returns its id. */
    async function registered(name: string, idNumber: string, description: string): Promise<number> {
      const services = t.application.services;
      const officer = (await services.deps.uow.read.users.findByLogin('officer'))!;
      const { actorOf } = await import('../services/sign-in.ts');
      const r = await services.requests.register(actorOf(officer), {
        agencyId: townId,
        applicant: { type: 'natural_person', name, identity: { kind: '居民身份证', number: idNumber }, contact: { phone: '13800000000', address: '湖南省洪江市黔城镇沅江路1号' } },
        informationSought: { description },
        formWanted: 'paper',
        deliveryMethod: 'post',
        channel: 'in_person',
        submission: {},
      });
      return r.request.id;
    }

    test('templates: list, placeholders explained, preview with a sample case, refusal kept as typed, save, reset; the approver only reads', async () => {
      const officer = await t.signedIn('officer');
      const list = await (await officer.get('/console/requests/templates')).text();
      assert.equal((list.match(/href="\/console\/requests\/templates\/[a-z_.]+\?agencyId=/g) ?? []).length, 26);
      assert.match(list, /征求意见书（第三方，条例第三十二条）/);
      const page = await (await officer.get('/console/requests/templates/reply.withheld_state_secret')).text();
      assert.match(page, /\{\{法律依据\}\}/);
      assert.match(page, /必需：须告知申请人可以在60日内申请行政复议或者在6个月内提起行政诉讼/);
      assert.match(page, /当前使用：<strong>内置模板/);
      assert.match(page, /<label for="f-body">/);

      const bad = { agencyId: String(townId), title: '答复书', body: '{{申请人}}：经审查，{{答复要点}}{{申请人身份证}}' };
      const preview = await officer.post('/console/requests/templates/reply.withheld_state_secret/preview', bad);
      assert.equal(preview.status, 200);
      const previewHtml = await preview.text();
      assert.match(previewHtml, /按此模板不能保存/);
      assert.match(previewHtml, /未知的占位符：\{\{申请人身份证\}\}/);
      assert.match(previewHtml, /张三（示例）：经审查/, 'the sample case fills the preview');
      const refused = await officer.post('/console/requests/templates/reply.withheld_state_secret', bad);
      assert.equal(refused.status, 400);
      const refusedHtml = await refused.text();
      assert.match(alert(refusedHtml), /缺少必需的占位符 \{\{救济途径\}\}/);
      assert.ok(refusedHtml.includes('{{申请人身份证}}'), 'what was typed is still there');

      const good = { agencyId: String(townId), title: '不予公开告知', body: '{{申请人}}：\n经审查，{{答复要点}}\n依据{{法律依据}}，{{决定}}。\n{{救济途径}}' };
      const saved = await officer.post('/console/requests/templates/reply.withheld_state_secret', good);
      assert.equal(saved.status, 303);
      const after = await (await officer.get(saved.headers.get('location')!)).text();
      assert.match(after, /已保存为新版本/);
      assert.match(after, /本机关模板（第 1 版）/);

      const approver = await t.signedIn('approver');
      const readOnly = await (await approver.get('/console/requests/templates/reply.withheld_state_secret')).text();
      assert.doesNotMatch(readOnly, /保存为新版本/);
      assert.equal((await approver.post('/console/requests/templates/reply.withheld_state_secret', good)).status, 403);
      assert.equal((await (await t.signedIn('editor')).get('/console/requests/templates')).status, 403);

      await officer.get('/console/requests/templates/reply.withheld_state_secret');
      const reset = await officer.post('/console/requests/templates/reply.withheld_state_secret/reset', { agencyId: String(townId) });
      assert.equal(reset.status, 303);
      const back = await (await officer.get(reset.headers.get('location')!)).text();
      assert.match(back, /当前使用：<strong>内置模板/);
      assert.match(back, /第 2 版.*恢复默认/s);
    });

    test('予以公开 needs 第三十六条（一）or（二）; the letter follows the agency template and cites the item chosen', async () => {
      const id = await registered('韩梅', '431281199212120022', '黔城镇2025年城镇老旧小区改造项目清单');
      const officer = await t.signedIn('officer');
      await officer.get('/console/requests/templates/reply.disclosed');
      await officer.post('/console/requests/templates/reply.disclosed', {
        agencyId: String(townId),
        title: '黔城镇政府信息公开答复书',
        body: '{{申请人}}：\n你申请的“{{所需信息}}”，经审查，{{答复要点}}\n根据{{法律依据}}的规定，{{决定}}。\n{{救济途径}}',
      });
      await officer.get(`/console/requests/${id}`);
      const missing = await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', summary: '该清单已在门户网站公开。' });
      assert.equal(missing.status, 400);
      assert.match(alert(await missing.text()), /请选择答复类型.*第三十六条第（一）项/);
      assert.equal((await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', replyType: 'already_public', summary: '该清单已在门户网站“城乡建设”栏目公开。' })).status, 303);
      const approver = await t.signedIn('approver');
      await approver.get(`/console/requests/${id}`);
      assert.equal((await approver.post(`/console/requests/${id}/command`, { type: 'approve_reply' })).status, 303);
      const casePage = await (await officer.get(`/console/requests/${id}`)).text();
      assert.match(casePage, /属于已主动公开范围（第三十六条第（一）项）/);
      const text = await docxText(await officer.request(`/console/requests/${id}/letters/reply`));
      assert.match(text, /黔城镇政府信息公开答复书/);
      assert.match(text, /你申请的“黔城镇2025年城镇老旧小区改造项目清单”/);
      assert.match(text, /第三十六条第（一）项“所申请公开信息已经主动公开的/);
      assert.doesNotMatch(text, /第三十六条第（二）项/);
      assert.match(text, /60日内向洪江市人民政府申请行政复议/);
    });

    test('送达回证: printed for the reply, its return recorded with signer and scan, the scan downloadable', async () => {
      const id = await registered('李雷', '431281199303130031', '黔城镇2025年防汛物资储备清单');
      const officer = await t.signedIn('officer');
      await officer.get(`/console/requests/${id}`);
      await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'unavailable_not_held', summary: '经检索，本机关未制作该清单。' });
      const approver = await t.signedIn('approver');
      await approver.get(`/console/requests/${id}`);
      await approver.post(`/console/requests/${id}/command`, { type: 'approve_reply' });
      const replied = await (await officer.get(`/console/requests/${id}`)).text();
      assert.match(replied, /href="\/console\/requests\/\d+\/letters\/service_receipt"/);
      assert.match(replied, /<label for="f-scan">送达回证扫描件/);
      const receipt = await docxText(await officer.request(`/console/requests/${id}/letters/service_receipt`));
      assert.match(receipt, /送达回证/);
      assert.match(receipt, /送达文书名称政府信息公开申请答复书/);
      const body = new FormData();
      body.set('_csrf', officer.csrf);
      body.set('method', 'post');
      body.set('deliveredOn', '2026-11-26');
      body.set('signedBy', '李雷');
      body.set('scan', new File([PDF], '送达回证.pdf'));
      const res = await officer.request(`/console/requests/${id}/delivery`, { method: 'POST', body });
      assert.equal(res.status, 303);
      const delivered = await (await officer.get(`/console/requests/${id}`)).text();
      assert.match(delivered, /送达回证已寄回，签收人：李雷/);
      assert.match(delivered, /下载送达回证扫描件（送达回证\.pdf）/);
      const scan = await officer.request(`/console/requests/${id}/delivery-scan`);
      assert.equal(scan.status, 200);
      assert.equal(scan.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(new Uint8Array(await scan.arrayBuffer()), PDF);
      const filled = await docxText(await officer.request(`/console/requests/${id}/letters/service_receipt`));
      assert.match(filled, /受送达人签收李雷/);
      assert.equal((await (await t.signedIn('editor')).request(`/console/requests/${id}/delivery-scan`)).status, 403);
    });

    test('fees: computed with the tier breakdown before sending, never both standards, shown after the notice', async () => {
      const id = await registered('钱多多', '431281198808180048', '黔城镇2018—2025年全部会议纪要');
      const officer = await t.signedIn('officer');
      await officer.get(`/console/requests/${id}`);
      await officer.post(`/console/requests/${id}/command`, { type: 'start_review' });
      const page = await (await officer.get(`/console/requests/${id}`)).text();
      assert.match(page, /<input type="radio" id="f-basis-piece" name="basis" value="per_piece" checked/);
      assert.match(page, /formaction="\/console\/requests\/\d+\/fee-preview"/);
      const both = await officer.post(`/console/requests/${id}/fee-preview`, { basis: 'per_page', pages: '120', pieces: '3' });
      assert.equal(both.status, 400);
      assert.match(alert(await both.text()), /不得同时按照两种标准重复计算/);
      const preview = await officer.post(`/console/requests/${id}/fee-preview`, { basis: 'per_piece', pieces: '12' });
      assert.equal(preview.status, 200);
      const previewHtml = await preview.text();
      assert.match(previewHtml, /本月累计第1—10件<\/th><td>10<\/td><td>不收费/);
      assert.match(previewHtml, /本月累计第11—12件<\/th><td>2<\/td><td>100<\/td><td>200/);
      assert.match(previewHtml, /应缴信息处理费200元/);
      assert.ok(previewHtml.includes('value="12"'), 'the count typed is kept');
      const sentBoth = await officer.post(`/console/requests/${id}/command`, { type: 'send_fee_notice', basis: 'per_piece', pieces: '12', pages: '40' });
      assert.equal(sentBoth.status, 409);
      assert.match(alert(await sentBoth.text()), /不得同时按照两种标准/);
      assert.equal((await officer.post(`/console/requests/${id}/command`, { type: 'send_fee_notice', basis: 'per_page', pages: '120', pieces: '' })).status, 303);
      const sent = await (await officer.get(`/console/requests/${id}`)).text();
      assert.match(sent, /<h2 id="fee-heading">信息处理费<\/h2>/);
      assert.match(sent, /第101—120页<\/th><td>20<\/td><td>20<\/td><td>400/);
      assert.match(sent, /尚未缴纳/);
      assert.doesNotMatch(sent, /formaction="\/console\/requests\/\d+\/fee-preview"/, 'one fee notice per request');
      const notice = await docxText(await officer.request(`/console/requests/${id}/letters/fee_notice`));
      assert.match(notice, /应缴信息处理费1100元/);
      assert.match(notice, /第四十二条/);
      await officer.post(`/console/requests/${id}/command`, { type: 'record_fee_payment', paidOn: '2026-11-26' });
      assert.match(await (await officer.get(`/console/requests/${id}`)).text(), /已于 2026-11-26 缴纳/);
    });

    test('第四十四条: the suggestions screen lists the cluster; 转为主动公开 opens the drafted item; 不予采纳 needs a reason', async () => {
      for (const [name, idNumber] of [['甲一', '431281199001010018'], ['乙二', '431281199001010026'], ['丙三', '431281199001010034']] as const) {
        await registered(name, idNumber, '黔城镇2026年耕地地力保护补贴发放名册');
      }
      for (const [name, idNumber] of [['丁四', '431281199001010042'], ['戊五', '431281199001010050'], ['己六', '431281199001010069']] as const) {
        await registered(name, idNumber, '黔城镇2026年农村饮水安全工程建设情况');
      }
      const officer = await t.signedIn('officer');
      const page = await (await officer.get('/console/requests/suggestions')).text();
      assert.match(page, /<h2 id="s-\d+">黔城镇2026年耕地地力保护补贴发放名册<\/h2>/);
      assert.match(page, /3 个申请人/);
      const form = (title: string) => {
        const section = page.slice(page.indexOf(title));
        return [...section.slice(0, section.indexOf('</section>')).matchAll(/name="requestId" value="(\d+)"/g)].map((m) => m[1]!);
      };
      const subsidy = [...new Set(form('耕地地力保护补贴'))];
      const water = [...new Set(form('农村饮水安全'))];
      assert.equal(subsidy.length, 3);
      const noReason = await officer.post('/console/requests/suggestions', { action: 'dismiss', requestId: water, reason: '' });
      assert.equal(noReason.status, 400);
      assert.match(alert(await noReason.text()), /不予采纳的理由/);
      const published = await officer.post('/console/requests/suggestions', { action: 'publish', requestId: subsidy });
      assert.equal(published.status, 303);
      const itemPath = published.headers.get('location')!;
      assert.match(itemPath, /^\/console\/items\/\d+\?from=suggestion$/);
      const item = await officer.get(itemPath);
      assert.equal(item.status, 200);
      assert.match(await item.text(), /黔城镇2026年耕地地力保护补贴发放名册/);
      assert.equal((await officer.post('/console/requests/suggestions', { action: 'publish', requestId: subsidy })).status, 409, 'handled once');
      assert.equal((await officer.post('/console/requests/suggestions', { action: 'dismiss', requestId: water, reason: '属于过程性工作安排' })).status, 303);
      const after = await (await officer.get('/console/requests/suggestions')).text();
      assert.doesNotMatch(after, /<h2 id="s-\d+">/);
      assert.match(after, /已转为主动公开（信息草稿）/);
      assert.match(after, /不予采纳：属于过程性工作安排/);
      const approver = await t.signedIn('approver');
      const readOnly = await approver.get('/console/requests/suggestions');
      assert.equal(readOnly.status, 200);
      assert.equal((await (await t.signedIn('editor')).get('/console/requests/suggestions')).status, 403);
    });
  });
}
