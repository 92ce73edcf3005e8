/**
 * Email through the agency's SMTP server (nodemailer). The idempotency key becomes the Message-ID,
 * so that mail clients and archives see one message; SMTP itself does not deduplicate, so a send
 * interrupted by a crash is not repeated automatically. Likewise a connection that breaks after the
 * server said “354, send the data” and before its final reply leaves the result unknown (the server
 * may have queued the mail): that is reported as uncertain, never retried on its own.
 */
import nodemailer from 'nodemailer';
import { linkTo, networkFailure, notConfigured, setting, type AdapterOptions, type ChannelAdapter, type SendOutcome, publicUrlProblem } from './channel-adapter.ts';
import { renderMessage } from './message-templates.ts';

/** Creates the email adapter. */
export function createEmailChannel(options: AdapterOptions = {}): ChannelAdapter {
  return {
    channel: 'email',
    unavailable: () => publicUrlProblem(options.publicUrl),
    isIdempotent: () => false,
    async send(message, account): Promise<SendOutcome> {
      if (!account?.enabled) return notConfigured('电子邮件（SMTP）未启用');
      const host = setting(account.config, 'host');
      const from = setting(account.config, 'from');
      if (!host || !from) return notConfigured('SMTP 服务器或发件人');
      const user = setting(account.config, 'user');
      const port = typeof account.config.port === 'number' ? account.config.port : 465;
      // Watches the SMTP dialogue for the server's 354 (go ahead with the message): from then on a
      // broken connection may have delivered the mail.
      let dataStarted = false;
      const watch = (entry: unknown, message: unknown) => {
        if ((entry as { tnx?: string } | null)?.tnx === 'server' && /^354\b/.test(String(message))) dataStarted = true;
      };
      const logger = { trace: watch, debug: watch, info: () => {}, warn: () => {}, error: () => {}, fatal: () => {} };
      const transport = nodemailer.createTransport({
        logger,
        debug: true,
        host,
        port,
        secure: account.config.secure !== false,
        ...(user && { auth: { user, pass: account.secrets.password ?? '' } }),
        tls: { rejectUnauthorized: account.config.rejectUnauthorized !== false },
        connectionTimeout: options.timeoutMs ?? 15_000,
        greetingTimeout: options.timeoutMs ?? 15_000,
        socketTimeout: options.timeoutMs ?? 30_000,
      });
      const { subject, text } = renderMessage(message.template, message.payload, options.publicUrl);
      // RFC 2369 / RFC 8058: a subscriber's notice offers one-click unsubscribe to mail clients (needs a full https/http link).
      const oneClick = options.publicUrl && typeof message.payload.oneClickUnsubscribePath === 'string' ? linkTo(message.payload.oneClickUnsubscribePath, options.publicUrl) : undefined;
      try {
        const info = await transport.sendMail({
          from,
          to: message.recipient,
          subject,
          text,
          messageId: `<${message.idempotencyKey.replace(/[^A-Za-z0-9._:-]/g, '_')}@gongkai>`,
          headers: {
            'X-Gongkai-Idempotency-Key': message.idempotencyKey,
            ...(oneClick && { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
          },
        });
        if (info.rejected.length > 0) return { kind: 'failed', error: `邮件服务器拒收：${info.response}`, retryable: false };
        return { kind: 'sent', providerMessageId: info.messageId, detail: info.response };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        const response = (e as { response?: string }).response;
        // 5xx is permanent (no such mailbox, authentication refused); 4xx and network errors are worth retrying.
        if (typeof code === 'number') return { kind: 'failed', error: `邮件服务器返回 ${code}：${response ?? (e as Error).message}`, retryable: code < 500 };
        if (dataStarted) return { kind: 'uncertain', error: `发送结果不明：邮件内容已发给邮件服务器，但在它确认收下之前连接中断（${(e as Error).message}）。为免重复发送未自动重发，请向收件人或邮件服务器核实后，选择“重新发送”或“确认已送达”。` };
        return networkFailure(e, '邮件服务器');
      } finally {
        transport.close();
      }
    },
  };
}
