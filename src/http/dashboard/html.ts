/**
 * HTML for the officers' dashboard, built from strings with escaping by default.
 *
 * - `html\`<p>${value}</p>\`` escapes every interpolated value. Values that are already HTML ({@link SafeHtml}:
 *   the result of another `html\`…\``, or markup wrapped in {@link raw}) go in as they are; arrays are joined;
 *   `null`, `undefined` and `false` become nothing (so `${cond && html\`…\`}` works).
 * - {@link raw} marks a string as trusted HTML. Use it only for markup the code itself wrote, never for data.
 * - {@link page} wraps a body in the dashboard's layout (Indonesian, phone-friendly, no external assets) and
 *   returns the document as a string for `reply.type('text/html; charset=utf-8').send(...)`.
 *
 * Attribute values must be quoted (`value="${v}"`): escaping covers `&<>"'` and the backtick, not unquoted
 * attributes. URLs built from data must be checked by the caller (escaping does not stop `javascript:`).
 */

/** A piece of markup that is safe to insert as it is. Create it with {@link html} or {@link raw}. */
export class SafeHtml {
  /** @internal Use {@link html} or {@link raw}. */
  constructor(readonly value: string) {}

  /** The markup as a string. */
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** `value` as text that is safe in an element's content or a quoted attribute. `null`/`undefined` become "". */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Marks `markup` as trusted HTML, inserted by {@link html} without escaping. Never use it for data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** An interpolated value of {@link html}. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Tagged template: the literal parts as written, every interpolation escaped unless it is {@link SafeHtml}. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Options of {@link page}. */
export interface PageOptions {
  /** The document's language (default `id`). */
  lang?: 'id' | 'en';
  /** Markup above the main content, e.g. the officer's name and logout button (`officerHeader` in `auth-plugin.ts`). */
  header?: SafeHtml;
}

/**
 * The whole-page CSS: readable on a phone first, wider screens get more margin. Classes for pages to use:
 * `.card` (a white panel), `.error` / `.notice` (messages), `.muted` (small grey text), `button.link` (a button
 * that looks like a link, e.g. logout), `.bar` (the header row). Forms: labels above full-width inputs.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f4f6f8}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:0 0 12px}
a{color:#0b5cad}
.card{background:#fff;border:1px solid #d9e0e6;border-radius:8px;padding:16px;margin:0 0 16px}
.narrow{max-width:420px;margin:24px auto}
label{display:block;margin:12px 0 4px;font-weight:600}
input[type=text],input[type=password],input[type=search],select,textarea{width:100%;padding:10px;font:inherit;border:1px solid #b8c4ce;border-radius:6px}
button{margin-top:16px;padding:10px 16px;font:inherit;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer}
button.link{margin:0;padding:0;background:none;color:#0b5cad;text-decoration:underline}
.error{background:#fdecea;border:1px solid #f5c2bc;color:#8a1c12;padding:10px 12px;border-radius:6px}
.notice{background:#e8f3fc;border:1px solid #b6d7f2;padding:10px 12px;border-radius:6px}
.muted{color:#52606d;font-size:.9rem}
.bar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;padding:10px 16px;background:#fff;border-bottom:1px solid #d9e0e6}
.bar form{display:inline}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e9ee;vertical-align:top}
@media (min-width:720px){main{padding:24px}}
`.replace(/\n/g, '');

/**
 * A complete HTML document: `title` (escaped; " · Pintu" is appended), `body` inside `<main>`, and
 * `opts.header` above it. Includes the viewport meta tag so it works on a phone, and `noindex`.
 */
export function page(title: string, body: SafeHtml, opts: PageOptions = {}): string {
  return html`<!doctype html>
<html lang="${opts.lang ?? 'id'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${title} · Pintu</title>
<style>${raw(CSS)}</style>
</head>
<body>
${opts.header ?? ''}
<main>
${body}
</main>
</body>
</html>
`.value;
}
