/** The item editor form (信息登记): every registry field, grouped as a clerk fills them in. */
import type { Context } from 'hono';
import {
  DISCLOSURE_ATTRIBUTE_LABELS,
  DISCLOSURE_ATTRIBUTES,
  DISCLOSURE_GROUNDS,
  DISCLOSURE_GROUND_INFO,
  STATUTORY_CLAUSES,
  STATUTORY_CLAUSE_INFO,
  kindCodeOf,
  selectableOptions,
  type ItemState,
} from '../../domain/publishing/index.ts';
import type { AgencyVocabularies } from '../../services/manage-vocabularies.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import type { AppEnv } from '../context.ts';
import { field, fields, type FormData } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';

export type ItemFormValues = Record<string, string>;

const FIELD_NAMES = ['title', 'summary', 'documentNumber', 'jointIssuers', 'formedOn', 'changedOn', 'categoryCode', 'genre', 'clause', 'catalogueDomain', 'keywords', 'effectiveOn', 'expiresOn', 'repealedOn', 'body', 'attribute', 'ground', 'groundNote', 'interpretsItemId', 'hasElectronicFullText', 'agencyId'] as const;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text typed in the form becomes paragraphs; text that starts with a tag is taken as HTML. */
export function bodyToHtml(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('<')) return trimmed;
  return trimmed
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** The form's values as the service's raw input. */
export function itemInputOf(values: ItemFormValues): Record<string, unknown> {
  return {
    title: values.title,
    summary: values.summary,
    documentNumber: values.documentNumber,
    jointIssuers: values.jointIssuers,
    formedOn: values.formedOn,
    changedOn: values.changedOn,
    categoryCode: values.categoryCode,
    genre: values.genre,
    clause: values.clause,
    catalogueDomain: values.catalogueDomain,
    keywords: values.keywords,
    validity: { effectiveOn: values.effectiveOn, expiresOn: values.expiresOn, repealedOn: values.repealedOn },
    bodyHtml: bodyToHtml(values.body ?? ''),
    disclosure: { attribute: values.attribute, ground: values.ground, note: values.groundNote },
    interpretsItemId: values.interpretsItemId,
    hasElectronicFullText: values.hasElectronicFullText === '1',
  };
}

/** Reads the form's values from a submitted form. */
export function itemValuesOf(form: FormData): ItemFormValues {
  return Object.fromEntries(FIELD_NAMES.map((n) => [n, field(form, n)]));
}

/** The form's values for an existing version. */
export function itemValuesFrom(state: ItemState): ItemFormValues {
  return {
    title: state.title,
    summary: state.summary,
    documentNumber: state.documentNumber ?? '',
    jointIssuers: state.jointIssuers.join('、'),
    formedOn: state.formedOn,
    changedOn: state.changedOn ?? '',
    categoryCode: state.categoryCode,
    genre: kindCodeOf(state),
    clause: state.clause ?? '',
    catalogueDomain: state.catalogueDomain ?? '',
    keywords: state.keywords.join('、'),
    effectiveOn: state.validity?.effectiveOn ?? '',
    expiresOn: state.validity?.expiresOn ?? '',
    repealedOn: state.validity?.repealedOn ?? '',
    body: state.bodyHtml,
    attribute: state.disclosure?.attribute ?? '',
    ground: state.disclosure && 'ground' in state.disclosure ? String(state.disclosure.ground ?? '') : '',
    groundNote: state.disclosure && 'note' in state.disclosure ? String(state.disclosure.note ?? '') : '',
    interpretsItemId: state.interpretsItemId ?? '',
    hasElectronicFullText: state.hasElectronicFullText ? '1' : '',
    agencyId: String(state.agencyId),
  };
}

/** The uploads of a submitted form. */
export async function uploadsOf(form: FormData): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const files = (Array.isArray(form['attachments']) ? form['attachments'] : [form['attachments']]).filter((f): f is File => f instanceof File && f.size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export { fields };

function Select(props: { name: string; label: string; value: string; options: Array<[string, string]>; error?: string | undefined; hint?: string; required?: boolean; blank?: string }) {
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error" id={`${id}-error`}>{props.error}</p>}
      <select id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={[props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The editor: new item or edit of a draft/returned version. */
export function ItemForm(props: {
  c: Context<AppEnv>;
  action: string;
  values: ItemFormValues;
  errors: Record<string, string>;
  /** The vocabularies of the item's agency (its own or inherited). */
  vocabularies: AgencyVocabularies;
  /** An edited item's current terms: offered even if retired since. */
  current?: ItemState;
  agencies?: Agency[];
  attachments?: ItemState['attachments'];
}) {
  const { c, values: v, errors: e, vocabularies: vocab, current } = props;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="stack">
      <CsrfField token={c.get('csrfToken')} />
      {e._ && (
        <div class="notice bad" role="alert">
          <p>{e._}</p>
        </div>
      )}
      <fieldset>
        <legend>目录信息（条例第十二条：索引、名称、内容概述、生成日期）</legend>
        {props.agencies && (
          <Select name="agencyId" label="发布机构" value={v.agencyId ?? ''} options={props.agencies.map((a) => [String(a.id), a.name])} required error={e.agencyId} hint="主题分类、体裁和标准目录领域按发布机构的设置提供" />
        )}
        <Field name="title" label="信息名称" value={v.title} required error={e.title} />
        <div class="field">
          <label for="f-summary">内容概述 *</label>
          {e.summary && <p class="error" id="f-summary-error">{e.summary}</p>}
          {/* WCAG 3.3.1: an error is tied to its field, not only shown beside it. */}
          <textarea id="f-summary" name="summary" rows={3} aria-invalid={e.summary ? 'true' : undefined} aria-describedby={e.summary ? 'f-summary-error' : undefined}>
            {v.summary}
          </textarea>
        </div>
        <Field name="documentNumber" label="文号" value={v.documentNumber} error={e.documentNumber} hint="如：黔政发〔2017〕12号；规范性文件必填" />
        <Field name="jointIssuers" label="联合发文机关" value={v.jointIssuers} error={e.jointIssuers} hint="多个用顿号分隔；本机关为牵头机关" />
        <Field name="formedOn" label="生成日期（成文日期）" type="date" value={v.formedOn} required error={e.formedOn} hint="依条例第二十六条，自生成之日起 20 个工作日内公开" />
        <Field name="changedOn" label="变更日期" type="date" value={v.changedOn} error={e.changedOn} hint="修订已发布信息时填写" />
      </fieldset>
      <fieldset>
        <legend>分类</legend>
        <Select name="categoryCode" label="主题分类" value={v.categoryCode ?? ''} options={selectableOptions(vocab.categories, current?.categoryCode ?? null)} required error={e.categoryCode} />
        <Select name="genre" label="体裁" value={v.genre ?? ''} options={selectableOptions(vocab.kinds, current ? kindCodeOf(current) : null)} required error={e.genre} />
        <Select name="clause" label="法定主动公开内容" value={v.clause ?? ''} blank="（不属于条例第二十、二十一条所列事项）" options={STATUTORY_CLAUSES.map((cl) => [cl, `${STATUTORY_CLAUSE_INFO[cl].citation} ${STATUTORY_CLAUSE_INFO[cl].label}`])} error={e.clause} />
        <Select name="catalogueDomain" label="基层政务公开标准目录领域" value={v.catalogueDomain ?? ''} blank="（无）" options={selectableOptions(vocab.catalogueDomains, current?.catalogueDomain ?? null)} error={e.catalogueDomain} />
        <Field name="keywords" label="关键词" value={v.keywords} error={e.keywords} hint="多个用顿号分隔" />
        <Field name="interpretsItemId" label="所解读文件的编号（政策解读）" value={v.interpretsItemId} error={e.interpretsItemId} inputmode="numeric" />
      </fieldset>
      <fieldset>
        <legend>有效性</legend>
        <Field name="effectiveOn" label="施行日期" type="date" value={v.effectiveOn} error={e.validity} />
        <Field name="expiresOn" label="有效期截止日期" type="date" value={v.expiresOn} />
        <Field name="repealedOn" label="废止日期" type="date" value={v.repealedOn} />
      </fieldset>
      <fieldset aria-describedby={e.disclosure ? 'f-disclosure-error' : undefined}>
        <legend>公开属性（源头认定）</legend>
        {e.disclosure && <p class="error" id="f-disclosure-error">{e.disclosure}</p>}
        {DISCLOSURE_ATTRIBUTES.map((a) => (
          <div>
            <input type="radio" id={`f-attribute-${a}`} name="attribute" value={a} checked={v.attribute === a} /> <label for={`f-attribute-${a}`}>{DISCLOSURE_ATTRIBUTE_LABELS[a]}</label>
          </div>
        ))}
        <Select name="ground" label="依申请公开或不予公开的依据" value={v.ground ?? ''} blank="（主动公开无须填写）" options={DISCLOSURE_GROUNDS.map((g) => [g, `${DISCLOSURE_GROUND_INFO[g].article} ${DISCLOSURE_GROUND_INFO[g].label}`])} />
        <Field name="groundNote" label="认定说明" value={v.groundNote} />
      </fieldset>
      <fieldset>
        <legend>正文与附件</legend>
        <div class="field">
          <label for="f-body">正文</label>
          <p class="hint" id="f-body-hint">直接输入文字，空一行为一段；也可粘贴 HTML（只保留段落、标题、列表、表格和链接）。</p>
          {e.bodyHtml && <p class="error" id="f-body-error">{e.bodyHtml}</p>}
          <textarea id="f-body" name="body" rows={12} aria-invalid={e.bodyHtml ? 'true' : undefined} aria-describedby={e.bodyHtml ? 'f-body-hint f-body-error' : 'f-body-hint'}>
            {v.body}
          </textarea>
        </div>
        {props.attachments && props.attachments.length > 0 && (
          <fieldset>
            <legend>已有附件（勾选即删除）</legend>
            {props.attachments.map((a, i) => (
              <div>
                <input type="checkbox" id={`rm-${i}`} name="removeAttachment" value={a.fileId} /> <label for={`rm-${i}`}>{a.fileName}（{Math.ceil(a.sizeBytes / 1024)} KB）</label>
              </div>
            ))}
          </fieldset>
        )}
        <div class="field">
          <label for="f-attachments">添加附件</label>
          <p class="hint" id="f-attachments-hint">PDF、Word（.docx）、Excel（.xlsx）、PNG/JPEG；按文件内容识别类型，附件中的文字参与检索和敏感信息检测。</p>
          {e.attachments && <p class="error" id="f-attachments-error">{e.attachments}</p>}
          <input id="f-attachments" name="attachments" type="file" multiple aria-invalid={e.attachments ? 'true' : undefined} aria-describedby={e.attachments ? 'f-attachments-hint f-attachments-error' : 'f-attachments-hint'} />
        </div>
        <div class="field">
          <input type="checkbox" id="f-hasElectronicFullText" name="hasElectronicFullText" value="1" checked={v.hasElectronicFullText === '1'} /> <label for="f-hasElectronicFullText">有电子全文（年报统计公文全文电子化率）</label>
        </div>
      </fieldset>
      <p class="actions">
        <button type="submit">保存</button>
      </p>
    </form>
  );
}
