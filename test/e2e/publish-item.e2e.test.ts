import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, useBrowserSuite } from '../browser.ts';

const skip = browserSkip;
const ID = '43128119900307121X';
const suite = useBrowserSuite();

async function login(page: Page, user: string, password: string) {
  await page.goto(suite.baseUrl + '/console/login');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(suite.baseUrl + '/console');
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/console\/login$/);
}

test('draft with an ID number → reviewer masks it → approver approves → a citizen finds it by search', { skip }, async () => {
  const page = await suite.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await login(page, 'editor', 'Xinxiyuan#2017');
  await page.getByRole('link', { name: '主动公开信息' }).first().click();
  await page.getByRole('link', { name: '登记新信息' }).click();
  await page.getByLabel('信息名称').fill('黔城镇2026年第四季度临时救助发放公示');
  await page.getByLabel('内容概述 *').fill('公示第四季度临时救助对象和金额。');
  await page.getByLabel('主题分类').selectOption({ label: '民政、扶贫、救灾' });
  await page.getByLabel('体裁').selectOption({ label: '公告' });
  await page.getByLabel('正文').fill(`经村委会评议、镇人民政府审核，现将临时救助对象公示如下：\n\n刘某某，身份证号 ${ID}，救助金额 2000 元。`);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('button', { name: '报送保密审查' }).click();
  await page.waitForURL(/done=submit/);
  await logout(page);

  await login(page, 'reviewer', 'Baomi-shencha#2017');
  await page.goto(suite.baseUrl + '/console/items?tab=review');
  await page.getByRole('link', { name: '黔城镇2026年第四季度临时救助发放公示' }).click();
  const findings = page.getByRole('table', { name: /敏感信息与涉密标志检测结果/ });
  assert.match(await findings.innerText(), new RegExp(ID));
  assert.match(await findings.innerText(), /身份证号/);
  await findings.getByRole('button', { name: '确定' }).click();
  await page.waitForURL(/done=finding/);
  assert.match(await page.getByRole('table', { name: /检测结果/ }).innerText(), /已打码/);
  await page.getByRole('button', { name: '保密审查通过' }).click();
  await page.waitForURL(/done=pass-review/);
  await logout(page);

  await login(page, 'approver', 'Fenguan-lingdao#2017');
  await page.goto(suite.baseUrl + '/console/items?tab=approval');
  await page.getByRole('link', { name: '黔城镇2026年第四季度临时救助发放公示' }).click();
  await page.getByRole('button', { name: '批准发布' }).click();
  await page.waitForURL(/done=approve/);
  await page.getByRole('button', { name: '立即发布' }).click();
  await page.waitForURL(/done=publish/);
  await logout(page);

  // A citizen, without logging in, searches and opens the item.
  await page.goto(suite.baseUrl + '/');
  await page.getByRole('link', { name: '法定主动公开内容' }).first().click();
  await page.goto(suite.baseUrl + '/xxgk/search');
  await page.getByLabel('关键词').fill('临时救助');
  await page.getByRole('button', { name: '检索' }).click();
  await page.getByRole('link', { name: '黔城镇2026年第四季度临时救助发放公示' }).click();
  const body = await page.locator('main').innerText();
  assert.match(body, /431\*{11}121X/);
  assert.doesNotMatch(body, new RegExp(ID), 'the public page never shows the ID number');
  assert.match(body, /索引号/);
  await page.screenshot({ path: 'test/e2e/published-item.png', fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
