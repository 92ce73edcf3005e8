/**
 * Accessibility audit (WCAG 2.1 AA) with axe-core in Chromium: the key portal pages in normal and
 * large-text mode, on a desktop and a 375 px phone, and the key console pages; any violation of the
 * wcag2a / wcag2aa / wcag21a / wcag21aa rules fails. Plus keyboard use: the skip link comes first,
 * is visible when focused and moves focus to the main content; focused controls show an outline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkip, useBrowserSuite } from '../browser.ts';

const skip = browserSkip;
const suite = useBrowserSuite();
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

interface Mode {
  name: string;
  viewport: { width: number; height: number };
  largeText: boolean;
}

const MODES: Mode[] = [
  { name: '桌面', viewport: { width: 1280, height: 900 }, largeText: false },
  { name: '桌面大字版', viewport: { width: 1280, height: 900 }, largeText: true },
  { name: '手机 375px', viewport: { width: 375, height: 812 }, largeText: false },
  { name: '手机大字版', viewport: { width: 375, height: 812 }, largeText: true },
];

/** Runs axe on the loaded page; returns one readable line per violating node. */
async function audit(page: Page, label: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await axeSource);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return violations.flatMap((v) => v.nodes.map((n) => `[${label}] ${v.id}（${v.impact ?? ''}）${v.help}：${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
}

async function openContext(browser: Browser, mode: Mode): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: mode.viewport, locale: 'zh-CN' });
  if (mode.largeText) {
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/text-size?size=large&back=/`);
    await page.close();
  }
  return context;
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto(suite.baseUrl + '/console/login');
  await page.getByLabel('用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(suite.baseUrl + '/console');
}

test('portal pages have no WCAG 2.1 A/AA violations (normal and large text, desktop and 375 px phone)', { skip, timeout: 600_000 }, async () => {
  const services = suite.app.application.services;
  const village = (await services.agencies.all()).find((a) => a.kind === 'village')!;
  const problems: string[] = [];

  // A real application, for the receipt and tracking pages.
  const setup = await suite.browser.newPage();
  await setup.goto(suite.baseUrl + '/xxgk/apply');
  problems.push(...(await audit(setup, '申请表（空）')));
  await setup.getByRole('button', { name: '提交申请' }).click();
  problems.push(...(await audit(setup, '申请表（有错误提示）')));
  await setup.getByLabel('姓名或者名称').fill('陈小红');
  await setup.getByLabel('证件号码').fill('43128119900307121X');
  await setup.getByLabel('联系电话').fill('13912345678');
  await setup.getByLabel('所需政府信息的名称或者特征性描述 *').fill('2025年板桥村通组公路硬化工程资金使用情况');
  await setup.getByRole('button', { name: '提交申请' }).click();
  problems.push(...(await audit(setup, '申请回执')));
  const receipt = await setup.locator('main').innerText();
  const number = /申请编号：(\S+)/.exec(receipt)![1]!;
  const code = /查询码：(\S+)/.exec(receipt)![1]!;
  await setup.goto(suite.baseUrl + '/xxgk/catalogue');
  const itemHref = (await setup.locator('table.catalogue a').first().getAttribute('href'))!;
  await setup.goto(suite.baseUrl + '/xxgk/annual-reports');
  const reportHref = (await setup.locator('main a[href^="/xxgk/annual-reports/"]').first().getAttribute('href'))!;
  // The audit is not vacuous: an unlabelled field added to a page is reported.
  await setup.evaluate(`document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text', name: 'probe' }))`);
  assert.match((await audit(setup, '自检')).join('\n'), /\[自检\] label/);
  await setup.close();

  const pages: Array<[label: string, path: string]> = [
    ['首页', '/'],
    ['信息公开指南', '/xxgk/guide'],
    ['信息公开目录', '/xxgk/catalogue'],
    ['目录（筛选）', '/xxgk/catalogue?year=2017&category=general_affairs'],
    ['检索结果', `/xxgk/search?q=${encodeURIComponent('政务公开')}`],
    ['信息页', itemHref],
    ['依申请公开', '/xxgk/apply'],
    ['进度查询（表单）', '/xxgk/track'],
    ['年报栏目', '/xxgk/annual-reports'],
    ['年报全文', reportHref],
    ['村务公开', `/xxgk/village-affairs/${village.id}`],
  ];
  for (const mode of MODES) {
    const context = await openContext(suite.browser, mode);
    const page = await context.newPage();
    for (const [label, path] of pages) {
      const res = await page.goto(suite.baseUrl + path);
      assert.equal(res?.status(), 200, `${label} ${path}`);
      problems.push(...(await audit(page, `${mode.name} ${label}`)));
    }
    await page.goto(suite.baseUrl + '/xxgk/track');
    await page.getByLabel('申请编号').fill(number);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    assert.match(await page.locator('main').innerText(), new RegExp(number));
    problems.push(...(await audit(page, `${mode.name} 进度查询结果`)));
    // Nothing scrolls sideways on a phone but the wide tables, which scroll inside their own box.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(Number(overflow) <= 1, `${mode.name}：页面横向溢出 ${String(overflow)}px`);
    await context.close();
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('console pages have no WCAG 2.1 A/AA violations (desktop, and a phone in large-text mode)', { skip, timeout: 600_000 }, async () => {
  const problems: string[] = [];
  const town = (await suite.app.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
  for (const mode of [MODES[0]!, MODES[3]!]) {
    const context = await openContext(suite.browser, mode);
    const page = await context.newPage();
    await page.goto(suite.baseUrl + '/console/login');
    problems.push(...(await audit(page, `${mode.name} 登录`)));
    await page.getByRole('button', { name: '登录' }).click();
    problems.push(...(await audit(page, `${mode.name} 登录（有错误提示）`)));
    await signIn(page, 'officer', 'Gongkaiban#2017');
    const pages: Array<[label: string, path: string]> = [
      ['工作台首页', '/console'],
      ['主动公开信息', '/console/items'],
      ['登记新信息', '/console/items/new'],
      ['依申请公开', '/console/requests'],
      ['年度报告草稿', `/console/reports?agency=${town.id}&year=2026`],
      ['信息分类设置', `/console/vocabularies/${town.id}/kind`],
    ];
    for (const [label, path] of pages) {
      const res = await page.goto(suite.baseUrl + path);
      assert.equal(res?.status(), 200, `${label} ${path}`);
      problems.push(...(await audit(page, `${mode.name} ${label}`)));
    }
    const itemHref = (await page.goto(suite.baseUrl + '/console/items?tab=published'), await page.locator('main table a').first().getAttribute('href'))!;
    await page.goto(suite.baseUrl + itemHref);
    problems.push(...(await audit(page, `${mode.name} 信息详情`)));
    // The item form with errors: messages are tied to their fields.
    await page.goto(suite.baseUrl + '/console/items/new');
    await page.getByLabel('信息名称').fill('');
    await page.locator('form.stack button[type=submit]').first().click();
    problems.push(...(await audit(page, `${mode.name} 登记新信息（有错误提示）`)));
    await context.close();
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('keyboard: the skip link is the first stop, visible when focused, and moves focus to the content; focus is always visible', { skip }, async () => {
  const page = await suite.browser.newPage({ viewport: { width: 375, height: 812 } });
  for (const path of ['/', '/xxgk/catalogue', '/console/login']) {
    await page.goto(suite.baseUrl + path);
    await page.keyboard.press('Tab');
    const skipLink = (await page.evaluate(`(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { text: el.textContent, href: el.getAttribute('href'), top: box.top, left: box.left, width: box.width, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    })()`)) as { text: string; href: string; top: number; left: number; width: number; outline: string; outlineWidth: number };
    assert.equal(skipLink.text, '跳到正文', path);
    assert.equal(skipLink.href, '#main');
    assert.ok(skipLink.left >= 0 && skipLink.top >= 0 && skipLink.width > 0, `${path}: the focused skip link is on screen`);
    assert.ok(skipLink.outline !== 'none' && skipLink.outlineWidth >= 2, `${path}: the focused skip link has an outline`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main', `${path}: focus moved to the main content`);
    // Every further stop shows a focus indicator of at least 2 px (outline or box-shadow ring).
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focus = (await page.evaluate(`(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName, text: (el.textContent || el.getAttribute('name') || '').trim().slice(0, 20), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
      })()`)) as { tag: string; text: string; outline: string; width: number; shadow: string };
      if (focus.tag === 'BODY') break;
      assert.ok((focus.outline !== 'none' && focus.width >= 2) || focus.shadow !== 'none', `${path}: ${focus.tag}「${focus.text}」没有可见的焦点样式`);
    }
  }
  // In the console the skip link also skips the side navigation.
  await signIn(page, 'officer', 'Gongkaiban#2017');
  await page.goto(suite.baseUrl + '/console/items');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate('document.activeElement.id'), 'content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.closest("nav.side-nav") === null'), true, 'the next stop is in the content, not the side navigation');
  assert.equal(await page.evaluate('document.activeElement.textContent'), '登记新信息');
  await page.close();
});
