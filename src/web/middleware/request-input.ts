/**
 * Every request's input is bounded and checked once, before anything parses it: the body is read
 * with a byte count (Content-Length first, then counted while streaming, so chunked bodies are
 * caught too) and refused with 413 past its limit; files are accepted only on the console's upload
 * pages, from signed-in staff; forms and JSON that cannot be parsed get a 400; and C0 control
 * characters (NUL and the like) in query strings, form fields and JSON are refused with a 400,
 * so that both stores see the same text (PostgreSQL cannot store NUL; SQLite would).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { NotFoundError, ServiceError, ValidationError } from '../../services/errors.ts';
import { ONE_CLICK_UNSUBSCRIBE_PATH } from '../../services/manage-subscriptions.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE } from './session.ts';

/** urlencoded forms (and any other body that is neither JSON nor files). */
export const FORM_BODY_BYTES = 1024 * 1024;
/** JSON bodies (the API). */
export const JSON_BODY_BYTES = 64 * 1024;
/** Room for the text fields sent along with files. */
const UPLOAD_FIELDS_BYTES = 1024 * 1024;

/** The largest record number (PostgreSQL `integer`). */
const MAX_RECORD_ID = 2_147_483_647;

/** The console pages whose forms carry files (enctype="multipart/form-data"). */
const UPLOAD_PATHS: readonly RegExp[] = [
  /^\/console\/items\/(new|\d+\/edit)$/,
  /^\/console\/calendar\/import$/,
  /^\/console\/ledgers\/import$/,
  /^\/console\/reports\/import$/,
  /^\/console\/requests\/\d+\/(delivery|documents)$/,
];

/** Whether a path accepts multipart (file) bodies. */
export function isUploadPath(path: string): boolean {
  return UPLOAD_PATHS.some((p) => p.test(path));
}

/** C0 controls but TAB, LF and CR, which multi-line text (a textarea) legitimately holds. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** Every C0 control: nothing single-line (query parameters, JSON values, names) needs one. */
// eslint-disable-next-line no-control-regex
const CONTROL_ANY = /[\u0000-\u001F]/;

const CONTROL_MESSAGE = '提交的内容含有不可见的控制字符（如 NUL），无法保存。请删除这些字符后重新提交。';
const QUERY_CONTROL_MESSAGE = '网址中的参数含有不可见的控制字符，无法处理。请检查链接是否完整、正确。';

/** Whether a text value holds a control character not allowed in it. */
export function hasForbiddenControl(value: string, multiLine: boolean): boolean {
  return (multiLine ? CONTROL_IN_TEXT : CONTROL_ANY).test(value);
}

function reject(c: Context<AppEnv>, message: string, status: 401 | 413 | 415): never {
  // The rest of the body is not read: the connection is closed after the answer.
  c.header('Connection', 'close');
  throw new ServiceError(message, status);
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

/** Reads the body up to `limit` bytes; past it, stops reading and answers 413. */
async function readBounded(c: Context<AppEnv>, limit: number, tooLarge: string): Promise<Uint8Array | undefined> {
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    if (!/^\d{1,15}$/.test(declared.trim())) throw new ValidationError('请求头 Content-Length 无效。');
    if (Number(declared) > limit) reject(c, tooLarge, 413);
  }
  const body = c.req.raw.body;
  if (!body) return undefined;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      reject(c, tooLarge, 413);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Throws a 400 if any string in a parsed JSON value holds a control character (iteratively: nesting may be deep). */
function checkJson(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (hasForbiddenControl(v, false)) throw new ValidationError(CONTROL_MESSAGE);
    } else if (Array.isArray(v)) {
      stack.push(...(v as unknown[]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (hasForbiddenControl(k, false)) throw new ValidationError(CONTROL_MESSAGE);
        stack.push(x);
      }
    }
  }
}

/** The request-input middleware; goes before the session and CSRF check, which parses forms. */
export function requestInput(options: { maxUploadBytes: number }): MiddlewareHandler<AppEnv> {
  const uploadLimit = options.maxUploadBytes + UPLOAD_FIELDS_BYTES;
  return async (c, next) => {
    // Record numbers in paths are 32-bit (PostgreSQL integer); a longer one names nothing, and must not reach the store.
    if (c.req.path.split('/').some((s) => /^\d{10,}$/.test(s) && Number(s) > MAX_RECORD_ID)) throw new NotFoundError('您访问的页面不存在或已被移除。');
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (hasForbiddenControl(name, false) || values.some((v) => hasForbiddenControl(v, false))) throw new ValidationError(QUERY_CONTROL_MESSAGE);
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();

    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const isMultipart = mediaType === 'multipart/form-data';
    const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');
    let limit = isJson ? JSON_BODY_BYTES : FORM_BODY_BYTES;
    let tooLarge = `提交的内容过大（上限 ${megabytes(limit)}），请精简后重新提交。`;
    if (isJson) tooLarge = `请求体过大（JSON 上限 ${JSON_BODY_BYTES / 1024} KB）。`;
    // RFC 8058 lets a mail client send its one-click unsubscribe as multipart: a small form, no files.
    if (isMultipart && c.req.path !== ONE_CLICK_UNSUBSCRIBE_PATH) {
      if (!isUploadPath(c.req.path)) reject(c, '此处不接受文件上传，请按页面上的表单提交。', 415);
      // Only signed-in staff may make the server hold a file; others are refused before their body is read.
      const token = getCookie(c, SESSION_COOKIE);
      if (!token || !(await c.get('services').resolveSession(token))) reject(c, '请先登录后再上传文件。', 401);
      limit = uploadLimit;
      tooLarge = `上传的文件过大：一次提交的文件合计不能超过 ${megabytes(options.maxUploadBytes)}。`;
    }

    const bytes = await readBounded(c, limit, tooLarge);
    if (bytes) c.req.raw = new Request(c.req.raw, { body: bytes });

    if (isMultipart || mediaType === 'application/x-www-form-urlencoded') {
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch {
        throw new ValidationError('提交的表单格式有误，无法读取。请返回上一页，刷新后重新提交。');
      }
      for (const [name, value] of Object.entries(form)) {
        if (hasForbiddenControl(name, false)) throw new ValidationError(CONTROL_MESSAGE);
        for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
          if (typeof v === 'string' ? hasForbiddenControl(v, true) : v instanceof File && hasForbiddenControl(v.name, false)) throw new ValidationError(CONTROL_MESSAGE);
        }
      }
    } else if (isJson && bytes && bytes.byteLength > 0) {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw new ValidationError('请求体不是有效的 JSON');
      }
      checkJson(json);
    }
    await next();
  };
}
