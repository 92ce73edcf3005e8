/** Reading submitted forms: one parse per request, strings trimmed, repeated fields as arrays. */
import type { Context } from 'hono';

export type FormData = Record<string, string | File | Array<string | File>>;

/** The submitted form (multi-valued fields kept as arrays). */
export async function readForm(c: Context): Promise<FormData> {
  return (await c.req.parseBody({ all: true })) as FormData;
}

/** A single string field ('' when absent). */
export function field(form: FormData, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** Every string value of a repeated field. */
export function fields(form: FormData, name: string): string[] {
  const v = form[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string');
}

/** Only local paths are followed after a form (no open redirects). */
export function safeLocalPath(path: string | undefined, fallback = '/'): string {
  return path && /^\/(?!\/)[^\s\\]*$/.test(path) ? path : fallback;
}

/** A year filter from a query string: four digits, otherwise none (a filter that is not a year is ignored). */
export function yearParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{4}$/.test(value) ? Number(value) : undefined;
}
