/**
 * CSV text as a spreadsheet opens it, written the same way by the server's report exports
 * (server/routes/exports.ts) and the viewer's own CSV files (web/src/export.ts, compare-dates.ts), so
 * the rule is kept here, where both may import it. Names, reasons, documents and quotes are written by
 * editors: a cell starting with = + - @ (or tab, CR, or their full-width forms) would run as a formula
 * in whoever opens the file (security review M3), so csv-stringify's escape_formulas prefixes it with '
 * (numbers stay numbers). The browser build of csv-stringify: the Node one reads the Buffer global as
 * it loads, which a browser lacks; the browser one runs in Node too.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * The rows as CSV, each line ended by `lineEnd`. A cell holding a line break or a comma is quoted
 * (csv-stringify stops quoting line breaks when given its own line end unless told to).
 */
export function csvText(rows: readonly (readonly unknown[])[], lineEnd: '\n' | '\r\n' = '\n'): string {
  return stringify(rows as unknown[][], { escape_formulas: true, record_delimiter: lineEnd, quote_record_delimiter: true });
}
