/**
 * Reading SPSE tables by their header texts instead of fixed positions, so an added or moved column is either
 * handled or reported by name.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { SourceFormatError } from './errors.js';
import { textOf } from './html-text.js';

/** A table's column positions by role, found from its header row. */
export type ColumnMap<K extends string> = Record<K, number>;

/** The header cells' texts of `table`: its first own row holding `th` cells. */
export function headerTexts($: CheerioAPI, table: Cheerio<Element>): string[] {
  const row = directRows(table)
    .filter((_, tr) => $(tr).children('th').length > 0)
    .first();
  return row
    .children('th, td')
    .toArray()
    .map((cell) => textOf($(cell)));
}

/**
 * Column positions of `table` for each role whose header matches its pattern. Roles in `required` that are
 * missing fail with a {@link SourceFormatError} naming the column.
 */
export function mapColumns<K extends string>(
  headers: string[],
  patterns: Record<K, RegExp>,
  required: readonly K[],
  tableName: string,
): Partial<ColumnMap<K>> {
  const map: Partial<ColumnMap<K>> = {};
  for (const role of Object.keys(patterns) as K[]) {
    const index = headers.findIndex((h) => patterns[role].test(h));
    if (index >= 0) map[role] = index;
  }
  for (const role of required) {
    if (map[role] === undefined) {
      throw new SourceFormatError(`no "${role}" column`, {
        field: `${tableName} column "${role}"`,
        value: headers.join(' | '),
        hint: `The ${tableName} headers changed: compare a fresh capture with data/lpse-fixtures and update the header patterns.`,
      });
    }
  }
  return map;
}

/** The direct rows of `table` (not those of tables nested in its cells). */
export function directRows(table: Cheerio<Element>): Cheerio<Element> {
  return table.children('thead, tbody, tfoot').children('tr').add(table.children('tr'));
}
