/**
 * Turns the text cells of an import file into typed rows, checking what can be checked without the
 * graph: the header row names a template and holds its required columns; each row has its required
 * values, well-formed ids and dates, known kinds that fit the template. Every problem becomes an issue
 * naming the file, row and column; a row with problems is not kept, so later checks never see it.
 */
import { isCalendarDate } from '../../graph/calendar-date.ts';
import { isEntityId, KINDS, type Kind, MAX_ID_LENGTH, type PairingKind } from '../../schema/model.ts';
import { type ImportIssue, issue, type RowOrigin } from './import-report.ts';
import type { RawRow } from './read-table.ts';
import {
  HELP_NOTE,
  kindOf,
  mustBeInHeader,
  pairingKindOf,
  statusOf,
  TEMPLATE_CATEGORIES,
  TEMPLATES,
  type TemplateName,
  templateOfHeaders,
} from './templates.ts';

export interface Source {
  document: string;
  quote: string;
}

/** A row of the organizations, places or people template: one entity (and, for people, one position). */
export interface EntityRow {
  template: 'organizations' | 'places' | 'people';
  origin: RowOrigin;
  id: string;
  kind: Kind;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  governsPlaceId: string | null;
  locatedInId: string | null;
  positionAtId: string | null;
  title: string | null;
  source: Source;
}

export interface PairingRow {
  template: 'pairings';
  origin: RowOrigin;
  id: string;
  kind: PairingKind;
  partnerId: string;
  targetId: string;
  programme: string | null;
  /** Given, or 'ended' when only an end date is; null: active when new, as stored when not. */
  status: 'active' | 'ended' | null;
  validFrom: string | null;
  validTo: string | null;
  reason: string | null;
  source: Source;
}

export type ImportRow = EntityRow | PairingRow;

const MAX_TEXT = 2_000;

/** Header of a template's column, for issues raised after parsing. */
export const headerOf = (template: TemplateName, key: string) => TEMPLATES[template].columns.find((c) => c.key === key)?.header ?? key;

/** YYYY-MM-DD, also written YYYY/M/D or YYYY.M.D (as Excel saves CSV dates); null when not a real date. */
export function isoDate(text: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

interface Table {
  template: TemplateName;
  /** Column index of each field key present in the header row. */
  index: Map<string, number>;
}

/**
 * Parses the rows of one file. Feed it every raw row in order (`accept`); `rows` and `issues` hold
 * the results. A sheet whose header matches no template is reported once and skipped.
 */
export class RowParser {
  readonly rows: ImportRow[] = [];
  readonly issues: ImportIssue[] = [];
  private readonly tables = new Map<string, Table | 'skip'>();
  /** Data rows read (blank rows aside), kept or not. */
  rowsRead = 0;
  /** Ids of rows not kept, so that a reference to one says why it is missing. */
  readonly rejected = new Map<string, RowOrigin>();

  constructor(readonly file: string) {}

  accept(raw: RawRow): void {
    const key = raw.sheet ?? '';
    const origin: RowOrigin = { file: this.file, ...(raw.sheet ? { sheet: raw.sheet } : {}), row: raw.row };
    const values = raw.values.map((v) => v.trim());
    if (values.every((v) => v === '')) return;
    const table = this.tables.get(key);
    if (table === undefined) {
      this.tables.set(key, this.header(origin, values));
      return;
    }
    if (table === 'skip') return;
    this.rowsRead += 1;
    const cells = new Map([...table.index].map(([field, at]) => [field, values[at] ?? '']));
    const row = this.parse(table.template, origin, cells);
    if (row) this.rows.push(row);
    else if (cells.get('id')) this.rejected.set(cells.get('id')!, origin);
  }

  /** Whether any sheet of the file held a template (an xlsx with only a 说明 sheet holds none). */
  get tablesFound(): number {
    return [...this.tables.values()].filter((t) => t !== 'skip').length;
  }

  private header(origin: RowOrigin, headers: string[]): Table | 'skip' {
    const template = templateOfHeaders(headers);
    if (!template) {
      // The 说明 sheet of our own xlsx template is not a table; any other unknown header is a mistake.
      // (Known by its first line too: a reader may not learn a sheet's name, see read-table.ts.)
      const help = origin.sheet === '说明' || headers.some((cell) => cell.endsWith(HELP_NOTE));
      if (!help) {
        const ids = Object.values(TEMPLATES).map((t) => t.columns[0]!.header);
        this.issues.push(issue(origin, 'UNKNOWN_TEMPLATE', `the header row names none of ${ids.join(', ')}, so no template fits it`));
      }
      return 'skip';
    }
    const index = new Map<string, number>();
    for (const column of TEMPLATES[template].columns) {
      const at = headers.indexOf(column.header);
      if (at >= 0) index.set(column.key, at);
      else if (mustBeInHeader(column)) {
        this.issues.push(
          issue(
            origin,
            'MISSING_COLUMN',
            `${this.file}: the ${TEMPLATES[template].title} table needs a column ${column.header}` +
              (column.required ? '' : ' (its cells may be empty where the kind takes none)'),
            column.header,
          ),
        );
      }
    }
    const missing = TEMPLATES[template].columns.some((c) => mustBeInHeader(c) && !index.has(c.key));
    return missing ? 'skip' : { template, index };
  }

  private parse(template: TemplateName, origin: RowOrigin, cells: Map<string, string>): ImportRow | null {
    const before = this.issues.length;
    const problem = (key: string, code: ImportIssue['code'], message: string) =>
      this.issues.push(issue(origin, code, message, headerOf(template, key)));
    const text = (key: string): string | null => {
      const value = cells.get(key) ?? '';
      const column = TEMPLATES[template].columns.find((c) => c.key === key)!;
      if (value === '') {
        if (column.required) problem(key, 'MISSING_VALUE', `${column.header} is required`);
        return null;
      }
      if (value.length > MAX_TEXT) problem(key, 'BAD_VALUE', `at most ${MAX_TEXT} characters, got ${value.length}`);
      return value;
    };
    const id = (key: string): string | null => {
      const value = text(key);
      if (value !== null && !isEntityId(value)) {
        problem(key, 'BAD_ID', `"${value}" must be lower-case a-z and 0-9 in words joined by "-" (at most ${MAX_ID_LENGTH} characters)`);
      }
      return value;
    };
    const date = (key: string): string | null => {
      const value = text(key);
      if (value === null) return null;
      const iso = isoDate(value);
      if (!iso) problem(key, 'BAD_DATE', `"${value}" is not a date YYYY-MM-DD`);
      return iso;
    };
    const source = (): Source => ({
      document: text('sourceDocument') ?? this.file,
      quote: text('sourceQuote') ?? `${this.file}${origin.sheet ? ` ${origin.sheet}` : ''} 第${origin.row}行`,
    });
    // A row that raised any problem is not kept (its checked values may be null); a kept one carries its origin.
    const kept = <R extends ImportRow>(row: Omit<R, 'origin'>): R | null =>
      this.issues.length > before ? null : ({ ...row, origin } as R);

    if (template === 'pairings') {
      const row = {
        id: id('id'),
        kindText: text('kind'),
        partnerId: id('partnerId'),
        targetId: id('targetId'),
        programme: text('programme'),
        statusText: text('status'),
        validFrom: date('validFrom'),
        validTo: date('validTo'),
        reason: text('reason'),
        source: source(),
      };
      const kind = row.kindText === null ? null : pairingKindOf(row.kindText);
      if (row.kindText !== null && !kind) {
        problem(
          'kind',
          'UNKNOWN_KIND',
          `"${row.kindText}" is not a pairing kind; use 企业联村, 城市社区结对共建 or 双报到 (or EnterpriseVillage, CommunityVillage, UnitCommunity)`,
        );
      }
      const status = row.statusText === null ? (row.validTo ? 'ended' : null) : statusOf(row.statusText);
      if (row.statusText !== null && !status)
        problem('status', 'BAD_VALUE', `"${row.statusText}" is not a status; use 进行中 or 已结束 (active, ended)`);
      if (status === 'ended' && cells.get('validTo') === '') problem('validTo', 'MISSING_VALUE', 'an ended pairing needs its end date');
      if (status === 'active' && row.validTo)
        problem('status', 'BAD_VALUE', `a pairing with an end date (${row.validTo}) is ended, not active`);
      if (row.validFrom && row.validTo && row.validTo < row.validFrom) {
        problem('validTo', 'BAD_VALUE', `ends on ${row.validTo}, before it starts (${row.validFrom})`);
      }
      return kept<PairingRow>({
        template,
        id: row.id!,
        kind: kind!,
        partnerId: row.partnerId!,
        targetId: row.targetId!,
        programme: row.programme,
        status,
        validFrom: row.validFrom,
        validTo: row.validTo,
        reason: row.reason,
        source: row.source,
      });
    }

    const row = {
      id: id('id'),
      name: text('name'),
      nameEn: text('nameEn'),
      kindText: template === 'people' ? 'Person' : text('kind'),
      parentId: cells.has('parentId') ? id('parentId') : null,
      governsPlaceId: cells.has('governsPlaceId') ? id('governsPlaceId') : null,
      locatedInId: cells.has('locatedInId') ? id('locatedInId') : null,
      positionAtId: template === 'people' ? id('positionAtId') : null,
      title: template === 'people' ? text('title') : null,
      source: source(),
    };
    const kind = row.kindText === null ? null : kindOf(row.kindText);
    if (row.kindText !== null && !kind) {
      problem('kind', 'UNKNOWN_KIND', `"${row.kindText}" is not a kind; see the model's kinds, e.g. 党支部 (Branch), 村 (Village)`);
    }
    if (kind) {
      const allowed: readonly string[] = TEMPLATE_CATEGORIES[template];
      const category = KINDS[kind].category;
      if (!allowed.includes(category)) {
        problem(
          'kind',
          'WRONG_KIND',
          `${kind} (${KINDS[kind].zh}) is a kind of ${category}; the ${TEMPLATES[template].title} table takes ${allowed.join(', ')}`,
        );
      } else if (template !== 'people') {
        // Organizations report to a parent (except a district committee); units and alliances have none.
        const needsParent =
          (category === 'Organization' && kind !== 'DistrictCommittee') || (category === 'Place' && kind !== 'City' && kind !== 'District');
        const takesParent = category === 'Organization' || category === 'Place';
        if (!takesParent && row.parentId) problem('parentId', 'NOT_APPLICABLE', `a ${kind} (${KINDS[kind].zh}) has no parent organization`);
        if (needsParent && cells.get('parentId') === '')
          problem('parentId', 'MISSING_VALUE', `a ${kind} (${KINDS[kind].zh}) needs its parent`);
        if (category !== 'Organization' && row.governsPlaceId) {
          problem('governsPlaceId', 'NOT_APPLICABLE', `only a Party organization governs a place, not a ${kind}`);
        }
      }
    }
    return kept<EntityRow>({
      template,
      id: row.id!,
      kind: kind!,
      name: row.name!,
      nameEn: row.nameEn,
      parentId: row.parentId,
      governsPlaceId: row.governsPlaceId,
      locatedInId: row.locatedInId,
      positionAtId: row.positionAtId,
      title: row.title,
      source: row.source,
    });
  }
}
