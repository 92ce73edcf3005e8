import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { browserSkip, useBrowserSuite } from '../browser.ts';

const skip = browserSkip;
const suite = useBrowserSuite();

async function staff(page: Page, user: string, password: string, work: () => Promise<void>) {
  await page.goto(suite.baseUrl + '/console/login');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(suite.baseUrl + '/console');
  await work();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/console\/login$/);
}

async function openCase(page: Page, number: string) {
  await page.goto(suite.baseUrl + '/console/requests?queue=open');
  const confirm = page.getByRole('link', { name: number });
  if ((await confirm.count()) === 0) await page.goto(suite.baseUrl + '/console/requests?queue=awaiting_confirmation');
  await page.getByRole('link', { name: number }).click();
}

async function track(page: Page, number: string, code: string) {
  await page.goto(suite.baseUrl + '/xxgk/track');
  await page.getByLabel('申请编号').fill(number);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
}

test('a citizen applies online, clarifies on the tracking page and downloads the 部分公开 reply', { skip }, async () => {
  const context = await suite.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(suite.baseUrl + '/');
  await page.getByRole('link', { name: '依申请公开' }).first().click();
  await page.getByRole('link', { name: '政府信息公开申请' }).count();
  await page.goto(suite.baseUrl + '/xxgk/apply');
  await page.getByLabel('姓名或者名称').fill('陈小红');
  await page.getByLabel('证件号码').fill('43128119900307121X');
  await page.getByLabel('联系电话').fill('13912345678');
  await page.getByLabel('所需政府信息的名称或者特征性描述 *').fill('村里修路的钱');
  await page.getByRole('button', { name: '提交申请' }).click();
  const receipt = await page.locator('main').innerText();
  const number = /申请编号：(\S+)/.exec(receipt)![1]!;
  const code = /查询码：(\S+)/.exec(receipt)![1]!;

  await staff(page, 'officer', 'Gongkaiban#2017', async () => {
    await openCase(page, number);
    await page.getByRole('button', { name: '确认收到申请' }).click();
    await page.waitForURL(/done=1/);
    await page.getByRole('button', { name: '开始审查' }).click();
    await page.waitForURL(/done=1/);
    await page.getByLabel('需要补正的事项（每行一项，一次性告知）').fill('请写明道路名称或所在村组\n请写明所需资金信息的年份');
    await page.getByLabel('补正期限').fill('2099-12-31');
    await page.getByRole('button', { name: '发出补正告知' }).click();
    await page.waitForURL(/done=1/);
  });

  await track(page, number, code);
  assert.match(await page.locator('main').innerText(), /请写明道路名称或所在村组/);
  await page.getByLabel('补正内容 *').fill('板桥村3组至5组通组公路硬化工程，2025年的资金使用情况');
  await page.getByRole('button', { name: '提交补正' }).click();
  assert.match(await page.locator('main').innerText(), /补正已提交/);

  await staff(page, 'officer', 'Gongkaiban#2017', async () => {
    await openCase(page, number);
    await page.getByLabel('办理结果（年报表三）').selectOption({ label: '部分公开' });
    await page.getByLabel('答复要点').fill('提供工程资金使用明细，隐去施工人员身份证号码。');
    await page.locator('input[name="withheldDescription"]').fill('施工人员身份证号码');
    await page.locator('select[name="withheldGround"]').selectOption('withheld_third_party_rights');
    await page.locator('input[name="withheldReason"]').fill('属于个人隐私');
    await page.getByRole('button', { name: '拟定答复，报送审核' }).click();
    await page.waitForURL(/done=1/);
  });
  await staff(page, 'approver', 'Fenguan-lingdao#2017', async () => {
    await openCase(page, number);
    await page.getByRole('button', { name: '审核通过，作出答复' }).click();
    await page.waitForURL(/done=1/);
  });

  await track(page, number, code);
  const tracking = await page.locator('main').innerText();
  assert.match(tracking, /部分公开/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载（Word）' }).last().click()]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  assert.match(text, /陈小红/);
  assert.match(text, /第三十七条/);
  await page.screenshot({ path: 'test/e2e/tracking-page.png', fullPage: true });
  await context.close();
});
