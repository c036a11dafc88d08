/**
 * What an import says back: every problem with its file, sheet, row and column, and what the import
 * did (or, in a dry run, would do) per template. The same report for the CLI, the API and the tests.
 */

export const ISSUE_CODES = {
  BAD_FILE: 'the file cannot be read as CSV or xlsx',
  TOO_LARGE: 'the file is past a cap of the import (rows, or an xlsx’s unpacked size); split it',
  UNKNOWN_TEMPLATE: 'the header row matches no template (see GET /import/templates)',
  MISSING_COLUMN: 'a required column (是 or 列) is not in the header row',
  MISSING_VALUE: 'a required cell is empty',
  BAD_ID: 'an id is not lower-case a-z and 0-9 words joined by "-"',
  BAD_DATE: 'a date is not YYYY-MM-DD (or an Excel date)',
  BAD_VALUE: 'a value is not one the column allows (status, interval, text too long)',
  UNKNOWN_KIND: 'the kind is not one of the model’s kinds',
  WRONG_KIND: 'the kind does not fit the template, or the referenced entity is of the wrong kind',
  DUPLICATE_ID: 'the id appears twice in the import',
  UNKNOWN_REFERENCE: 'the id referenced is neither in the graph nor in the import',
  KIND_CHANGED: 'the id exists with another kind; kinds are not changed by import',
  NOT_APPLICABLE: 'the column does not apply to this kind (e.g. a parent for an enterprise)',
  CYCLE: 'the parent would make the hierarchy a cycle',
  PAIRING_ENDS_CHANGED: 'an existing pairing would change its partner, target or kind (re-match it instead)',
  PAIRING_OVERLAP: 'another pairing of the same partner, target and kind overlaps in time',
  OUT_OF_SCOPE: 'the row changes something outside the editor’s area',
} as const;
export type IssueCode = keyof typeof ISSUE_CODES;

export interface ImportIssue {
  file: string;
  /** The xlsx sheet; absent for CSV. */
  sheet?: string;
  /** 1-based row as the spreadsheet shows it (the header row is usually 1). */
  row: number;
  /** The column's header as in the file; absent for problems of the whole row or file. */
  column?: string;
  code: IssueCode;
  message: string;
}

/** Where a row came from, carried by every parsed row so later checks can report it. */
export interface RowOrigin {
  file: string;
  sheet?: string;
  row: number;
}

export interface TemplateCounts {
  rows: number;
  created: number;
  updated: number;
  moved: number;
  unchanged: number;
}

export interface ImportReport {
  dryRun: boolean;
  /** True when the graph was changed (a real run with no errors and something to change). */
  written: boolean;
  files: string[];
  counts: Record<string, TemplateCounts>;
  /** Change-log entries written (0 in a dry run, and when nothing changed). */
  changes: number;
  errors: ImportIssue[];
  seconds: number;
  /** A graph.json import that wrote: the backup of the graph taken before it (BACKUP_DIR). */
  safetyBackup?: string;
}

export const emptyCounts = (): TemplateCounts => ({ rows: 0, created: 0, updated: 0, moved: 0, unchanged: 0 });

export function issue(origin: RowOrigin, code: IssueCode, message: string, column?: string): ImportIssue {
  return {
    file: origin.file,
    ...(origin.sheet ? { sheet: origin.sheet } : {}),
    row: origin.row,
    ...(column ? { column } : {}),
    code,
    message,
  };
}

/** One line per problem, for the CLI. */
export const formatIssue = (i: ImportIssue) =>
  `${i.file}${i.sheet ? `[${i.sheet}]` : ''} row ${i.row}${i.column ? ` column ${i.column}` : ''}: ${i.code} ${i.message}`;
