/**
 * Small HTML helpers on top of cheerio (parse5, the browsers' HTML parsing algorithm, so broken SPSE markup such
 * as `<th>…</td>` or unclosed cells is repaired the way a browser shows it).
 */
import { load, type CheerioAPI, type Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { normalizeSpace } from './plain-text.js';

/** A whole page, parsed as a browser would. */
export function loadPage(html: string): CheerioAPI {
  return load(html);
}

/** A fragment (a table cell, a table excerpt) parsed without adding html/head/body. */
export function loadFragment(html: string): CheerioAPI {
  return load(html, null, false);
}

/** The visible text of `el`: `<br>` counts as a space, whitespace collapsed, entities decoded. */
export function textOf(el: Cheerio<AnyNode>): string {
  const copy = el.clone();
  copy.find('br').replaceWith(' ');
  copy.find('script, style').remove();
  return normalizeSpace(copy.text());
}

/** A name cell split into its plain text and the badges SPSE puts next to it. */
export interface StrippedName {
  /** Plain text without the badges. */
  text: string;
  /** Badge labels in order, e.g. ["Tender Ulang"]. */
  badges: string[];
  /** True when a badge says the package is re-tendered ("Tender Ulang", "Seleksi Ulang", …). */
  retender: boolean;
}

/** Badges: Bootstrap 4 `.badge` (SPSE 4.5) and Bootstrap 3 `.label` (older SPSE 4). */
const BADGE_SELECTOR = 'span.badge, span.label';

const RETENDER = /\b(?:tender|seleksi|pengadaan langsung|penunjukan langsung|non[- ]?tender)\s+ulang\b/i;

/** True when a badge label marks a re-tender. */
export function isRetenderBadge(label: string): boolean {
  return RETENDER.test(label);
}

/**
 * Plain text of an HTML fragment with its badges removed and returned separately.
 *
 * @example stripBadges("Jalan <span class='badge badge-warning'>Tender Ulang</span>")
 *   // { text: "Jalan", badges: ["Tender Ulang"], retender: true }
 */
export function stripBadges(html: string): StrippedName {
  if (!/[<&]/.test(html)) {
    return { text: normalizeSpace(html), badges: [], retender: false };
  }
  const $ = loadFragment(html);
  const badges: string[] = [];
  $(BADGE_SELECTOR).each((_, el) => {
    const label = normalizeSpace($(el).text());
    if (label) badges.push(label);
    $(el).remove();
  });
  const text = textOf($.root());
  return { text, badges, retender: badges.some(isRetenderBadge) };
}
