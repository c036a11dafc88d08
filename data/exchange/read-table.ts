/**
 * Reads the rows of a CSV or xlsx file as text cells, streaming: csv-parse's stream API and exceljs's
 * streaming WorkbookReader, so a 100,000-row file is never held whole in memory (only the rows the
 * import keeps, as compact records). Row numbers are what a spreadsheet shows: the first line is row 1.
 */
import { type Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type FileFormat = 'csv' | 'xlsx';

export interface RawRow {
  /** The sheet's name (xlsx); null for CSV. */
  sheet: string | null;
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  values: string[];
}

/** A file past one of the import's caps (graph/config.ts): refused while reading, before it is held. */
export class TooLarge extends Error {
  override name = 'TooLarge';
}

export interface ReadLimits {
  /** Bytes an xlsx may unpack to, all its XML parts together. */
  maxUnpackedBytes: number;
}

/** CSV: the longest record csv-parse will hold (a row of the widest template at its longest texts is ~60 KB). */
const MAX_CSV_RECORD_BYTES = 1024 * 1024;

export function formatOf(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export async function* readRows(input: Readable, format: FileFormat, limits?: ReadLimits): AsyncGenerator<RawRow> {
  if (format === 'csv') yield* readCsv(input);
  else yield* readXlsx(input, limits?.maxUnpackedBytes ?? Number.POSITIVE_INFINITY);
}

async function* readCsv(input: Readable): AsyncGenerator<RawRow> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: MAX_CSV_RECORD_BYTES }),
  );
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    yield { sheet: null, row, values: record };
  }
}

async function* readXlsx(input: Readable, maxUnpackedBytes: number): AsyncGenerator<RawRow> {
  // styles: 'cache' so that date-formatted cells come back as dates, not serial numbers.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  decodeWholeCharacters(workbook);
  capUnpacked(workbook, maxUnpackedBytes);
  for await (const worksheet of workbook) {
    const sheet = (worksheet as unknown as { name?: string }).name ?? `Sheet${(worksheet as unknown as { id: number }).id}`;
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      yield { sheet, row: row.number, values };
    }
  }
}

/**
 * exceljs 4.4's streaming reader decodes each chunk of a zipped XML part on its own
 * (utils/parse-sax.js: TextDecoder.decode without { stream: true }), so a Chinese character whose
 * three UTF-8 bytes straddle two chunks becomes "\uFFFD\uFFFD" — in a 100,000-row file, a handful of
 * corrupted names and kinds. Its parser passes strings through untouched, so we hand it text decoded
 * across chunk boundaries: the worksheets, the shared strings and the workbook (sheet names).
 */
function decodeWholeCharacters(reader: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>) {
  type Parts = {
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
    _parseSharedStrings(entry: Readable): unknown;
    _parseWorkbook(entry: Readable): Promise<unknown>;
    _parseRels(entry: Readable): Promise<unknown>;
  };
  type State = { model?: unknown; workbookRels?: unknown; heldRels?: unknown };
  const parts = reader as unknown as Parts;
  const worksheet = parts._parseWorksheet;
  const sharedStrings = parts._parseSharedStrings;
  const workbook = parts._parseWorkbook;
  const rels = parts._parseRels;
  parts._parseWorksheet = function (iterator, sheetNo) {
    return worksheet.call(this, utf8Text(iterator), sheetNo);
  };
  parts._parseSharedStrings = function (entry) {
    entry.setEncoding('utf8');
    return sharedStrings.call(this, entry);
  };
  // exceljs looks a worksheet's name up in workbook.xml's model, and its streaming zip iteration now
  // and then never delivers the archive's last entry — workbook.xml in files exceljs writes (3 reads
  // in 200 of one file crashed on "reading 'sheets'"; every row still arrived). Holding the
  // relationships back until workbook.xml is parsed turns that crash into a sheet without its name
  // ("Sheet2" in reports); templates are known by their header row, so no row is misread. Excel and
  // WPS put workbook.xml near the start of the archive.
  parts._parseRels = async function (this: Parts & State, entry) {
    await rels.call(this, entry);
    if (!this.model) {
      this.heldRels = this.workbookRels;
      this.workbookRels = undefined;
    }
  };
  parts._parseWorkbook = async function (this: Parts & State, entry) {
    entry.setEncoding('utf8');
    await workbook.call(this, entry);
    if (this.heldRels) this.workbookRels = this.heldRels;
  };
}

/**
 * Counts the bytes the xlsx's XML parts unpack to, as exceljs reads them, and stops the read with
 * TooLarge past the cap: a small zip can unpack to gigabytes (a 2 MB workbook holding 1 GB of shared
 * strings), and exceljs caches shared strings in memory. Every part exceljs parses passes through one
 * of these six methods. (A worksheet that comes before the shared strings in the archive is first
 * copied to a temporary file by exceljs; it is counted when it is parsed from there.)
 */
function capUnpacked(reader: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>, maxBytes: number) {
  if (!Number.isFinite(maxBytes)) return;
  let bytes = 0;
  const count = (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > maxBytes) throw new TooLarge(`unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB of XML`);
  };
  const counted = (entry: Readable) =>
    entry.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          try {
            count(chunk);
            done(null, chunk);
          } catch (error) {
            done(error as Error);
          }
        },
      }),
    );
  async function* countedIterator(chunks: AsyncIterable<Buffer | string>) {
    for await (const chunk of chunks) {
      count(chunk);
      yield chunk;
    }
  }
  const parts = reader as unknown as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const original = parts[name]!;
    parts[name] = function (entry: unknown) {
      return original.call(this, counted(entry as Readable));
    };
  }
  for (const name of ['_parseWorksheet', '_parseHyperlinks']) {
    const original = parts[name]!;
    parts[name] = function (iterator: unknown, sheetNo: unknown) {
      return original.call(this, countedIterator(iterator as AsyncIterable<Buffer | string>), sheetNo);
    };
  }
}

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A cell as the text a user typed: dates as YYYY-MM-DD, rich text and formulas by their text. */
export function cellText(value: unknown): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}
