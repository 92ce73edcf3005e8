/** Every channel adapter, configured once for a process (the worker holds them for its lifetime). */
import type { AdapterOptions, ChannelAdapter } from './channel-adapter.ts';
import { createEmailChannel } from './email-channel.ts';
import { createNoticeBoardChannel } from './notice-board-channel.ts';
import { createSmsChannel } from './sms-channel.ts';
import { createWechatChannel } from './wechat-channel.ts';
import { createWeiboChannel } from './weibo-channel.ts';

/** Creates the adapters of all channels. */
export function createChannelAdapters(options: AdapterOptions = {}): ChannelAdapter[] {
  return [createWechatChannel(options), createWeiboChannel(options), createSmsChannel(options), createEmailChannel(options), createNoticeBoardChannel(options)];
}
