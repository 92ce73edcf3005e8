/**
 * 渠道账号 in the console (系统管理员): each agency's accounts on WeChat, Weibo, the SMS gateway, SMTP
 * and the notice boards, one form per channel. Secrets are write-only: shown as 「已设置」, a blank
 * keeps the stored value, a checkbox clears it; they are encrypted at rest by the storage layer and
 * never echoed, not even after a failed submission. Villages without their own account use the
 * town's (shown as inherited).
 */
import { Hono, type Context } from 'hono';
import { MESSAGE_TEMPLATE_LABELS } from '../../channels/message-templates.ts';
import { DEFAULT_CATEGORIES } from '../../domain/publishing/categories.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import { CHANNEL_NAMES, CHANNEL_SECRETS, channelConfigProblems, OUTBOX_CHANNELS, type ChannelAccountView } from '../../services/manage-deliveries.ts';
import type { OutboxChannel } from '../../services/ports.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, fields, readForm, type FormData } from '../forms.ts';
import { CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';
import { AgencySelect, Notice, PublicUrlWarning, queryOf } from './delivery-routes.tsx';

/** The request templates applicants may get by WeChat template message (those who opted in). */
const WECHAT_TEMPLATES = ['request_received', 'clarification_requested', 'request_extended', 'request_replied'] as const;

const SECRET_LABELS: Record<string, string> = {
  password: 'SMTP 密码（授权码）',
  webhookSecret: '网关签名密钥',
  accessKeySecret: 'AccessKey Secret',
  appSecret: 'AppSecret',
  accessToken: '接口 access_token',
};

/** Routes under /console/deliveries/settings. */
export function channelSettingsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const { agencies, agency } = await settingsAgency(c, c.req.query('agency'));
    const views = await c.get('services').deliveries.channelSettings(c.get('actor')!, agency.id);
    return c.html(<SettingsPage c={c} agencies={agencies} agency={agency} views={views} />);
  });

  app.post('/:agency{[0-9]+}/:channel{[a-z_]+}', async (c) => {
    const { agencies, agency } = await settingsAgency(c, c.req.param('agency'));
    const channel = c.req.param('channel');
    if (!(OUTBOX_CHANNELS as readonly string[]).includes(channel)) throw new ServiceError('未知的渠道', 404);
    const ch = channel as OutboxChannel;
    const form = await readForm(c);
    const values = formValuesOf(ch, form);
    const { config, errors } = configOf(ch, values);
    const secrets: Record<string, string | null> = {};
    for (const name of CHANNEL_SECRETS[ch]) {
      if (field(form, `clear_${name}`) === '1') secrets[name] = null;
      else if (field(form, `secret_${name}`) !== '') secrets[name] = field(form, `secret_${name}`);
    }
    const typedSecret = Object.values(secrets).some((v) => typeof v === 'string');
    try {
      // Lines the form could not read, together with whatever else is wrong, in one go.
      if (Object.keys(errors).length) {
        const all = { ...channelConfigProblems(ch, config), ...errors };
        throw new ValidationError('提交的内容有误，请按提示修改：' + Object.values(all).join('；'), all);
      }
      await c.get('services').deliveries.saveChannelSettings(c.get('actor')!, agency.id, ch, { enabled: field(form, 'enabled') === '1', config, secrets });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const views = await c.get('services').deliveries.channelSettings(c.get('actor')!, agency.id);
      const message = e.message + secretNotKept(typedSecret);
      return c.html(<SettingsPage c={c} agencies={agencies} agency={agency} views={views} failed={{ channel: ch, values, enabled: field(form, 'enabled') === '1', errors: { ...e.fieldErrors, _: message } }} />, 400);
    }
    return c.redirect(`/console/deliveries/settings?${queryOf({ agency: agency.id, saved: ch })}#channel-${ch}`, 303);
  });

  return app;
}

/** Secrets typed into a form that fails are not shown again (never echoed): say so. */
const secretNotKept = (typedSecret: boolean) => (typedSecret ? '。为安全起见，刚才填写的密钥没有保存，也不会回显，请重新填写。' : '');

async function settingsAgency(c: Context<AppEnv>, raw: string | undefined): Promise<{ agencies: Agency[]; agency: Agency }> {
  const agencies = await c.get('services').agencies.list(c.get('actor')!);
  if (agencies.length === 0) throw new ServiceError('您没有管理机构渠道账号的权限', 403);
  const wanted = raw === undefined || raw === '' ? agencies[0]!.id : Number(raw);
  const agency = agencies.find((a) => a.id === wanted);
  if (!agency) throw new ServiceError(Number.isInteger(wanted) ? '您没有管理该机构的权限' : '机构编号不正确', Number.isInteger(wanted) ? 403 : 400);
  return { agencies, agency };
}

// ---- form ↔ config ---------------------------------------------------------------------------

type FormValues = Record<string, string | string[]>;

const TEXT_FIELDS: Record<OutboxChannel, readonly string[]> = {
  email: ['host', 'port', 'user', 'from'],
  sms: ['provider', 'url', 'signName', 'accessKeyId', 'perNumberPerHour', 'perNumberPerDay'],
  wechat: ['appId', 'apiBase', 'thumbMediaId', 'author', 'accountName'],
  weibo: ['apiBase', 'accountName'],
  notice_board: ['boardName'],
};
const NUMBER_FIELDS = new Set(['port', 'perNumberPerHour', 'perNumberPerDay']);
const CHECKBOX_FIELDS: Partial<Record<OutboxChannel, readonly string[]>> = { email: ['secure', 'rejectUnauthorized'] };
const SMS_TEMPLATES = Object.keys(MESSAGE_TEMPLATE_LABELS);

/** The submitted values of one channel's form, as strings (what is shown again after an error). */
function formValuesOf(channel: OutboxChannel, form: FormData): FormValues {
  const values: FormValues = {};
  for (const name of TEXT_FIELDS[channel]) values[name] = field(form, name).trim();
  for (const name of CHECKBOX_FIELDS[channel] ?? []) values[name] = field(form, name) === '1' ? '1' : '';
  if (channel === 'email' || channel === 'sms') values.subscribers = field(form, 'subscribers');
  values.categories = fields(form, 'categories');
  if (channel === 'sms') for (const t of SMS_TEMPLATES) [values[`tpl_${t}_code`], values[`tpl_${t}_text`]] = [field(form, `tpl_${t}_code`).trim(), field(form, `tpl_${t}_text`).trim()];
  if (channel === 'wechat') for (const t of WECHAT_TEMPLATES) [values[`wxtpl_${t}_id`], values[`wxtpl_${t}_fields`]] = [field(form, `wxtpl_${t}_id`).trim(), field(form, `wxtpl_${t}_fields`)];
  return values;
}

/** The form's values of a stored account (the same shape as a submitted form). */
function formValuesFromConfig(channel: OutboxChannel, config: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  for (const name of TEXT_FIELDS[channel]) values[name] = text(config[name]);
  for (const name of CHECKBOX_FIELDS[channel] ?? []) values[name] = config[name] === true ? '1' : '';
  if (channel === 'email' && config.secure === undefined) values.secure = '1';
  if (Array.isArray(config.subscribers)) values.subscribers = (config.subscribers as unknown[]).map(String).join('\n');
  values.categories = Array.isArray(config.categories) ? (config.categories as unknown[]).map(String) : [];
  const templates = (config.templates ?? {}) as Record<string, Record<string, unknown>>;
  if (channel === 'sms') for (const t of SMS_TEMPLATES) [values[`tpl_${t}_code`], values[`tpl_${t}_text`]] = [text(templates[t]?.code), text(templates[t]?.text)];
  if (channel === 'wechat') {
    for (const t of WECHAT_TEMPLATES) {
      values[`wxtpl_${t}_id`] = text(templates[t]?.templateId);
      values[`wxtpl_${t}_fields`] = Object.entries((templates[t]?.fields ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join('\n');
    }
  }
  return values;
}

const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');
const listOf = (text: string): string[] => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/** The config the service validates, from the form; errors only for what the service cannot see (malformed lines). */
function configOf(channel: OutboxChannel, values: FormValues): { config: Record<string, unknown>; errors: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const name of TEXT_FIELDS[channel]) {
    const v = str(values[name]);
    if (v === '') continue;
    config[name] = NUMBER_FIELDS.has(name) ? (/^\d+$/.test(v) ? Number(v) : v) : v;
  }
  for (const name of CHECKBOX_FIELDS[channel] ?? []) config[name] = values[name] === '1';
  if (channel === 'email' || channel === 'sms') {
    const list = listOf(str(values.subscribers));
    if (list.length) config.subscribers = list;
  }
  const categories = Array.isArray(values.categories) ? values.categories : [];
  if (categories.length) config.categories = categories;
  if (channel === 'sms') {
    const templates: Record<string, { code: string; text?: string }> = {};
    for (const t of SMS_TEMPLATES) {
      const code = str(values[`tpl_${t}_code`]);
      const text = str(values[`tpl_${t}_text`]);
      if (code || text) templates[t] = { code, ...(text && { text }) };
    }
    config.templates = templates;
  }
  if (channel === 'wechat') {
    const templates: Record<string, { templateId: string; fields: Record<string, string> }> = {};
    for (const t of WECHAT_TEMPLATES) {
      const templateId = str(values[`wxtpl_${t}_id`]);
      const lines = str(values[`wxtpl_${t}_fields`]).split(/\r?\n/).map((l) => l.trim());
      const fieldMap: Record<string, string> = {};
      lines.forEach((line, i) => {
        if (!line) return;
        const m = /^([A-Za-z0-9_.]+)\s*[=＝:：]\s*([A-Za-z0-9_]+)$/.exec(line);
        if (m) fieldMap[m[1]!] = m[2]!;
        else errors[`templates.${t}.fields`] ??= `${MESSAGE_TEMPLATE_LABELS[t]}模板第 ${i + 1} 行应为“模板字段=内容”，如 thing1=trackingNumber`;
      });
      if (templateId || Object.keys(fieldMap).length) templates[t] = { templateId, fields: fieldMap };
    }
    if (Object.keys(templates).length) config.templates = templates;
  }
  if (str(values.port) !== '' && typeof config.port === 'string') errors.port = '端口须为整数';
  for (const name of ['perNumberPerHour', 'perNumberPerDay']) if (typeof config[name] === 'string') errors[name] = '须为整数';
  return { config, errors };
}

/** The message for a form field: its own, or the first under it (a list's item, a template's part). */
function errorFor(errors: Record<string, string> | undefined, key: string): string | undefined {
  if (!errors) return undefined;
  if (errors[key]) return errors[key];
  const nested = Object.entries(errors).find(([k]) => k.startsWith(`${key}.`));
  if (!nested) return undefined;
  const index = /^[^.]+\.(\d+)$/.exec(nested[0])?.[1];
  return index === undefined ? nested[1] : `第 ${Number(index) + 1} 项：${nested[1]}`;
}

// ---- views ---------------------------------------------------------------------------------

const CHANNEL_HINTS: Record<OutboxChannel, string> = {
  wechat: '微信公众平台“设置与开发 → 基本配置”中的 AppID 和 AppSecret；服务器 IP 须加入公众号的 IP 白名单。',
  weibo: '配置 access_token 后经微博接口发布；不配置时生成可直接粘贴的微博文字，由工作人员发布后登记。',
  sms: '通用网关按签名 Webhook 调用；阿里云短信使用 SendSms 接口，模板内容中的变量写作 ${name}。',
  email: '机构邮箱的 SMTP 服务器，如 smtp.exmail.qq.com、端口 465（SSL）。',
  notice_board: '各村（社区）信息公开栏每周的张贴单，在“公开栏张贴单”中下载打印并登记。',
};

function SettingsPage(props: {
  c: Context<AppEnv>;
  agencies: Agency[];
  agency: Agency;
  views: ChannelAccountView[];
  failed?: { channel: OutboxChannel; values: FormValues; enabled: boolean; errors: Record<string, string> };
}) {
  const { c, agency, views, failed } = props;
  const saved = c.req.query('saved');
  const names = new Map(props.agencies.map((a) => [a.id, a.name]));
  return (
    <ConsolePage c={c} title="渠道账号设置">
      <h1>渠道账号设置</h1>
      <PublicUrlWarning c={c} />
      <form method="get" action="/console/deliveries/settings" class="filters">
        <AgencySelect agencies={props.agencies} value={agency.id} label="机构" all={false} />
        <button type="submit">查看</button>
      </form>
      <p>
        {agency.name}在各渠道的账号。下级单位（如村、社区）没有单独设置的，沿用上级机构的账号。密码和密钥以 AES-256-GCM 加密保存，保存后不再显示；留空表示不修改。
      </p>
      {saved && (OUTBOX_CHANNELS as readonly string[]).includes(saved) && <Notice kind="ok">{CHANNEL_NAMES[saved as OutboxChannel]}设置已保存。</Notice>}
      <nav class="actions" aria-label="渠道">
        {OUTBOX_CHANNELS.map((ch) => (
          <a href={`#channel-${ch}`}>{CHANNEL_NAMES[ch]}</a>
        ))}
      </nav>
      {OUTBOX_CHANNELS.map((ch) => {
        const view = views.find((v) => v.channel === ch);
        const own = view && view.inheritedFrom === null ? view : undefined;
        const isFailed = failed?.channel === ch;
        const values = isFailed ? failed.values : own ? formValuesFromConfig(ch, own.config) : formValuesFromConfig(ch, {});
        const errors = isFailed ? failed.errors : undefined;
        const enabled = isFailed ? failed.enabled : own ? own.enabled : true;
        return (
          <section id={`channel-${ch}`} aria-labelledby={`h-${ch}`}>
            <h2 id={`h-${ch}`}>{CHANNEL_NAMES[ch]}</h2>
            <p class="hint">{CHANNEL_HINTS[ch]}</p>
            <p>
              {own
                ? `本机构的账号${own.enabled ? '' : '（已停用）'}，更新于 ${own.updatedAt ? formatLocal(own.updatedAt) : '—'}。`
                : view
                  ? `目前沿用上级机构“${names.get(view.inheritedFrom!) ?? '上级机构'}”的账号${view.enabled ? '' : '（已停用）'}。在此保存即为本机构单独设置。`
                  : '尚未设置。'}
            </p>
            {errors?._ && <Notice kind="bad">{errors._}</Notice>}
            {own?.secretsUnreadable && <Notice kind="warn">已保存的密钥无法解密（加密密钥已更换？），请重新填写密钥后保存。</Notice>}
            <form method="post" action={`/console/deliveries/settings/${agency.id}/${ch}`} class="stack">
              <CsrfField token={c.get('csrfToken')} />
              <div class="field">
                <input type="checkbox" id={`f-${ch}-enabled`} name="enabled" value="1" checked={enabled} /> <label for={`f-${ch}-enabled`}>启用{CHANNEL_NAMES[ch]}</label>
              </div>
              <ChannelFields channel={ch} values={values} errors={errors} />
              {CHANNEL_SECRETS[ch].map((name) => (
                <SecretField channel={ch} name={name} isSet={own?.secretsSet.includes(name) ?? false} error={errorFor(errors, name)} />
              ))}
              <CategoryChoices channel={ch} chosen={Array.isArray(values.categories) ? values.categories : []} error={errorFor(errors, 'categories')} />
              <button type="submit">保存{CHANNEL_NAMES[ch]}设置</button>
            </form>
          </section>
        );
      })}
    </ConsolePage>
  );
}

/** A labelled input of a channel form (ids are unique per channel: five forms share a page). */
function ChannelInput(props: { channel: OutboxChannel; name: string; label: string; values: FormValues; errors: Record<string, string> | undefined; hint?: string; type?: string; inputmode?: 'numeric' | 'url' }) {
  const id = `f-${props.channel}-${props.name}`;
  const error = errorFor(props.errors, props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input id={id} name={props.name} type={props.type ?? 'text'} value={str(props.values[props.name])} inputmode={props.inputmode} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
    </div>
  );
}

function ChannelTextarea(props: { channel: OutboxChannel; name: string; label: string; value: string; error: string | undefined; hint?: string; rows?: number }) {
  const id = `f-${props.channel}-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <textarea id={id} name={props.name} rows={props.rows ?? 3} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value}
      </textarea>
    </div>
  );
}

function Checkbox(props: { channel: OutboxChannel; name: string; label: string; checked: boolean }) {
  const id = `f-${props.channel}-${props.name}`;
  return (
    <div class="field">
      <input type="checkbox" id={id} name={props.name} value="1" checked={props.checked} /> <label for={id}>{props.label}</label>
    </div>
  );
}

function ChannelFields(props: { channel: OutboxChannel; values: FormValues; errors: Record<string, string> | undefined }) {
  const { channel: ch, values, errors } = props;
  const input = (name: string, label: string, extra: { hint?: string; type?: string; inputmode?: 'numeric' | 'url' } = {}) => <ChannelInput channel={ch} name={name} label={label} values={values} errors={errors} {...extra} />;
  const subscribers = (label: string, hint: string) => <ChannelTextarea channel={ch} name="subscribers" label={label} value={str(values.subscribers)} error={errorFor(errors, 'subscribers')} hint={hint} rows={4} />;
  switch (ch) {
    case 'email':
      return (
        <>
          {input('host', 'SMTP 服务器 *')}
          {input('port', '端口', { inputmode: 'numeric', hint: '默认 465' })}
          <Checkbox channel={ch} name="secure" label="使用 SSL/TLS 连接" checked={values.secure === '1'} />
          <Checkbox channel={ch} name="rejectUnauthorized" label="严格校验服务器证书" checked={values.rejectUnauthorized === '1'} />
          {input('user', '登录用户名')}
          {input('from', '发件人 *', { hint: '如：黔城镇人民政府 <xxgk@example.gov.cn>' })}
          {subscribers('订阅邮箱', '每行一个；新发布的信息发送到这些邮箱')}
        </>
      );
    case 'sms':
      return (
        <>
          <fieldset>
            <legend>短信网关类型 *</legend>
            {errorFor(errors, 'provider') && <p class="error">{errorFor(errors, 'provider')}</p>}
            {(
              [
                ['webhook', '通用签名 Webhook 网关'],
                ['aliyun', '阿里云短信（SendSms）'],
              ] as const
            ).map(([v, label]) => (
              <div class="field">
                <input type="radio" id={`f-sms-provider-${v}`} name="provider" value={v} checked={str(values.provider) === v} /> <label for={`f-sms-provider-${v}`}>{label}</label>
              </div>
            ))}
          </fieldset>
          {input('url', '网关地址（通用网关）', { type: 'url', inputmode: 'url' })}
          {input('signName', '短信签名（阿里云）')}
          {input('accessKeyId', 'AccessKey ID（阿里云）')}
          {input('perNumberPerHour', '每个号码每小时最多条数', { inputmode: 'numeric', hint: '不填为 5 条' })}
          {input('perNumberPerDay', '每个号码每天最多条数', { inputmode: 'numeric', hint: '不填为 10 条' })}
          {subscribers('订阅手机号', '每行一个；新发布的惠民政策等信息以短信发送到这些号码，回复退订的不再发送')}
          <details open={errorFor(errors, 'templates') !== undefined}>
            <summary>短信模板（{SMS_TEMPLATES.filter((t) => str(values[`tpl_${t}_code`])).length} 项已填写）</summary>
            <fieldset>
              <legend>短信模板</legend>
              <p class="hint">阿里云填写审核通过的模板编号（TemplateCode）；模板内容中的变量写作 {'${title}'}、{'${trackingNumber}'}、{'${link}'} 等。</p>
              {SMS_TEMPLATES.map((t) => (
                <div class="field">
                  <ChannelInput channel={ch} name={`tpl_${t}_code`} label={`${MESSAGE_TEMPLATE_LABELS[t]}：模板编号`} values={values} errors={remap(errors, `templates.${t}.code`, `tpl_${t}_code`)} />
                  <ChannelInput channel={ch} name={`tpl_${t}_text`} label={`${MESSAGE_TEMPLATE_LABELS[t]}：模板内容`} values={values} errors={remap(errors, `templates.${t}.text`, `tpl_${t}_text`)} />
                </div>
              ))}
            </fieldset>
          </details>
        </>
      );
    case 'wechat':
      return (
        <>
          {input('appId', '公众号 AppID *', { hint: '以 wx 开头' })}
          {input('accountName', '公众号名称', { hint: '如：黔城发布' })}
          {input('author', '文章作者')}
          {input('thumbMediaId', '默认封面图 media_id')}
          {input('apiBase', '接口地址', { type: 'url', inputmode: 'url', hint: '不填为 https://api.weixin.qq.com' })}
          <details open={errorFor(errors, 'templates') !== undefined}>
            <summary>模板消息（{WECHAT_TEMPLATES.filter((t) => str(values[`wxtpl_${t}_id`])).length} 项已填写）</summary>
            <fieldset>
              <legend>模板消息（申请人关注并同意接收后推送办理进度）</legend>
              {WECHAT_TEMPLATES.map((t) => (
                <div class="field">
                  <ChannelInput channel={ch} name={`wxtpl_${t}_id`} label={`${MESSAGE_TEMPLATE_LABELS[t]}：模板 ID`} values={values} errors={remap(errors, `templates.${t}.templateId`, `wxtpl_${t}_id`)} />
                  <ChannelTextarea channel={ch} name={`wxtpl_${t}_fields`} label={`${MESSAGE_TEMPLATE_LABELS[t]}：字段对应`} value={str(values[`wxtpl_${t}_fields`])} error={errorFor(errors, `templates.${t}.fields`)} hint="每行一个“模板字段=内容”，如 thing1=trackingNumber" rows={2} />
                </div>
              ))}
            </fieldset>
          </details>
        </>
      );
    case 'weibo':
      return (
        <>
          {input('accountName', '微博账号名称', { hint: '如：黔城发布' })}
          {input('apiBase', '接口地址', { type: 'url', inputmode: 'url', hint: '不填为 https://api.weibo.com' })}
        </>
      );
    case 'notice_board':
      return <>{input('boardName', '公开栏名称', { hint: '如：大湾村政务公开栏；不填按机构简称生成' })}</>;
    default: {
      const unreachable: never = ch;
      return unreachable;
    }
  }
}

/** Moves a service error key (e.g. `templates.x.code`) onto the form field that shows it. */
function remap(errors: Record<string, string> | undefined, from: string, to: string): Record<string, string> | undefined {
  const message = errors?.[from];
  return message ? { [to]: message } : undefined;
}

function SecretField(props: { channel: OutboxChannel; name: string; isSet: boolean; error: string | undefined }) {
  const id = `f-${props.channel}-secret-${props.name}`;
  const label = SECRET_LABELS[props.name] ?? props.name;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.isSet ? '已设置。留空则保持不变。' : '未设置。'}
      </p>
      {props.error && (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input id={id} name={`secret_${props.name}`} type="password" value="" autocomplete="new-password" aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`} />
      {props.isSet && (
        <p>
          <input type="checkbox" id={`${id}-clear`} name={`clear_${props.name}`} value="1" /> <label for={`${id}-clear`}>清除已保存的{label}</label>
        </p>
      )}
    </div>
  );
}

function CategoryChoices(props: { channel: OutboxChannel; chosen: string[]; error: string | undefined }) {
  const known = DEFAULT_CATEGORIES.entries.filter((e) => !e.parentCode);
  const extra = props.chosen.filter((code) => !known.some((e) => e.code === code));
  return (
    <fieldset>
      <legend>只发布这些主题分类的信息</legend>
      <p class="hint">都不选时按默认：微信、微博、电子邮件发布全部信息，短信只发惠民政策、救助、安全等与群众切身相关的分类。</p>
      {props.error && <p class="error">{props.error}</p>}
      <div class="grid">
        {[...known.map((e) => [e.code, e.label] as const), ...extra.map((code) => [code, code] as const)].map(([code, label]) => (
          <div>
            <input type="checkbox" id={`f-${props.channel}-cat-${code}`} name="categories" value={code} checked={props.chosen.includes(code)} /> <label for={`f-${props.channel}-cat-${code}`}>{label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
