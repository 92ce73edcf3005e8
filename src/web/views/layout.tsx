/** The page shell shared by portal and console: header, navigation, large-text switch, footer. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { FORM_TOKEN_FIELD, newFormToken } from '../middleware/single-submission.ts';

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutProps {
  title: string;
  siteName: string;
  siteSubtitle?: string;
  homeHref: string;
  nav: NavLink[];
  largeText: boolean;
  /** The current path, to come back to after switching text size. */
  path: string;
  tools?: Child;
  footer?: Child;
  children?: Child;
  /** The id the skip link jumps to (default `main`; the console skips its side navigation too). */
  skipTo?: string;
}

/** Versioned by content, so a day-long browser cache never serves last release's styles. */
export const STYLESHEET_HREF = `/static/site.css?v=${createHash('sha256').update(readFileSync(new URL('../static/site.css', import.meta.url))).digest('hex').slice(0, 10)}`;

/** The full HTML document. */
export function Layout(props: LayoutProps) {
  const sizeHref = `/text-size?size=${props.largeText ? 'normal' : 'large'}&back=${encodeURIComponent(props.path)}`;
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang="zh-CN" class={props.largeText ? 'large-text' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${props.siteName}`}</title>
        <link rel="stylesheet" href={STYLESHEET_HREF} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href={`#${props.skipTo ?? 'main'}`}>
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap">
            <div>
              <p class="site-title">
                <a href={props.homeHref}>{props.siteName}</a>
              </p>
              {props.siteSubtitle && <p class="site-subtitle">{props.siteSubtitle}</p>}
            </div>
            <div class="tools">
              <a href={sizeHref}>{props.largeText ? '标准字号' : '大字版'}</a>
              {props.tools}
            </div>
          </div>
          {props.nav.length > 0 && (
            <nav class="main-nav" aria-label="主导航">
              <ul class="wrap">
                {props.nav.map((l) => (
                  <li>
                    <a href={l.href} aria-current={l.current ? 'page' : undefined}>
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{props.children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">{props.footer}</div>
        </footer>
      </body>
    </html>
    </>
  );
}

/** A breadcrumb trail. */
export function Breadcrumb(props: { items: Array<{ href?: string; label: string }> }) {
  return (
    <nav class="breadcrumb" aria-label="当前位置">
      <ol>
        {props.items.map((i, n) => (
          <li>{i.href && n < props.items.length - 1 ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A labelled form field with hint and error wired for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | number | null | undefined;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search' | 'url' | 'none';
}) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
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
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
      />
    </div>
  );
}

/** The hidden CSRF field every form carries. */
export function CsrfField(props: { token: string }) {
  // Each rendered form also gets a one-time token: a second POST of the same form is not applied twice.
  return (
    <>
      <input type="hidden" name="_csrf" value={props.token} />
      <input type="hidden" name={FORM_TOKEN_FIELD} value={newFormToken()} />
    </>
  );
}
