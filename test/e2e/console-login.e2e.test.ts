import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, useBrowserSuite } from '../browser.ts';

const skip = browserSkip;
const suite = useBrowserSuite();

test('a citizen reads the portal; an officer logs in with the keyboard and sees the console', { skip }, async () => {
  const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto(suite.baseUrl + '/');
  assert.equal(await page.title(), '政府信息公开 - 黔城镇人民政府');
  assert.equal(await page.locator('h1').innerText(), '黔城镇人民政府政府信息公开');
  // Large-text mode through a plain link.
  await page.getByRole('link', { name: '大字版' }).click();
  assert.equal(await page.locator('html').getAttribute('class'), 'large-text');
  const fontSize = await page.evaluate('getComputedStyle(document.documentElement).fontSize');
  assert.equal(fontSize, '21px');

  await page.getByRole('link', { name: '工作人员登录' }).click();
  assert.match(page.url(), /\/console\/login\?next=%2Fconsole$/);
  await page.getByLabel('用户名').fill('officer');
  await page.getByLabel('密码').fill('Gongkaiban#2017');
  await page.keyboard.press('Enter');
  await page.waitForURL(suite.baseUrl + '/console');
  assert.equal(await page.locator('h1').innerText(), '工作台');
  const nav = page.getByRole('navigation', { name: '工作台导航' });
  assert.ok(await nav.getByRole('link', { name: '依申请公开' }).isVisible());
  assert.equal(await nav.getByRole('link', { name: '用户管理' }).count(), 0, 'officers do not manage users');
  await page.screenshot({ path: 'test/e2e/console-home.png', fullPage: true });

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/console\/login$/);
  assert.deepEqual(errors, [], 'no console errors or CSP violations');
  await page.close();
});
