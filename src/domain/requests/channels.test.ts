import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SubmissionChannel } from '../calendar/index.ts';
import { INTAKE_CHANNELS, allowsOnTheSpotReply, isIntakeChannel, needsReceiptConfirmation, submissionChannelOf, type IntakeChannel } from './channels.ts';

const channels: [rule: string, channel: IntakeChannel, clock: SubmissionChannel, confirm: boolean, onTheSpot: boolean][] = [
  ['第三十一条（三）互联网：双方确认之日', 'online', 'online', true, false],
  ['第三十一条（二）邮寄：签收之日', 'letter_registered', 'registered_mail', false, false],
  ['第三十一条（二）平常信函：确认之日', 'letter_ordinary', 'ordinary_mail', true, false],
  ['第三十一条（三）传真：双方确认之日', 'fax', 'fax', true, false],
  ['第三十一条（一）当面：提交之日', 'in_person', 'in_person', false, true],
  ['第二十九条 口头提出、代为填写：按当面提交', 'oral', 'in_person', false, true],
];
for (const [rule, channel, clock, confirm, onTheSpot] of channels) {
  test(`intake channel — ${rule}`, () => {
    assert.equal(submissionChannelOf(channel), clock);
    assert.equal(needsReceiptConfirmation(channel), confirm);
    assert.equal(allowsOnTheSpotReply(channel), onTheSpot);
  });
}

test('intake channels are a closed set of six', () => {
  assert.equal(INTAKE_CHANNELS.length, 6);
  assert.equal(isIntakeChannel('email'), false);
});
