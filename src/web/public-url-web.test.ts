import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test/web-harness.ts';

const REASON = /未设置 GONGKAI_PUBLIC_URL（门户对外网址）：微信公众号、政务微博、短信、电子邮件的消息要带门户链接[\s\S]*暂不发送/;

test('without GONGKAI_PUBLIC_URL the console\'s delivery log and channel settings say why the link channels do not send', async () => {
  const t = await createTestApp();
  try {
    // The delivery log is the disclosure office's, the channel accounts the administrator's.
    for (const [role, path] of [['officer', '/console/deliveries'], ['admin', '/console/deliveries/settings']] as const) {
      const res = await (await t.signedIn(role)).get(path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), REASON, path);
    }
  } finally {
    await t.close();
  }
});

test('with GONGKAI_PUBLIC_URL set the warning is gone', async () => {
  const t = await createTestApp({ env: { GONGKAI_PUBLIC_URL: 'https://xxgk.example.gov.cn' } });
  try {
    for (const [role, path] of [['officer', '/console/deliveries'], ['admin', '/console/deliveries/settings']] as const) {
      const res = await (await t.signedIn(role)).get(path);
      assert.equal(res.status, 200, path);
      assert.doesNotMatch(await res.text(), REASON, path);
    }
  } finally {
    await t.close();
  }
});
