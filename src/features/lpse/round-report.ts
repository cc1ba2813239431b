/** A polling round as plain lines for the operator (`pintu lpse poll --once`). English: it is an operator tool. */
import type { RoundResult } from './tender-watcher.js';

/** The round in a few lines: totals, then one line per new tender, change and closed package. */
export function formatRound(result: RoundResult): string {
  const lines: string[] = [];
  if (result.error) {
    lines.push(`FAILED: ${result.error.message}`);
  }
  lines.push(
    `Fiscal years ${result.years.join(', ')}: ${result.listed} packages listed, ${result.created.length} new, ${result.changes.length} changes, ` +
      `${result.closed.length} no longer listed; ${result.details.read} announcements read (${result.details.failed} failed); ` +
      `${result.matched} new tenders matched subscriptions; ${result.alerts} messages queued.`,
  );
  if (result.baseline) lines.push('First round on this database: everything was stored as the starting point; nobody was alerted about existing tenders.');
  for (const t of result.created) lines.push(`NEW      ${t.kode}  ${t.name}${t.tahap ? `  [${t.tahap}]` : ''}`);
  for (const c of result.changes) lines.push(`${c.kind.toUpperCase().padEnd(8)} ${c.kode}  ${c.before ?? ''}${c.before || c.after ? ' -> ' : ''}${c.after ?? ''}`.trimEnd());
  for (const kode of result.closed) lines.push(`GONE     ${kode}`);
  return `${lines.join('\n')}\n`;
}
