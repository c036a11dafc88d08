/**
 * The import templates (导入模板): four tables with Chinese headers — organizations (组织, units too),
 * places (地点), pairings (结对) and people with their positions (人员). A file (CSV) or a sheet (xlsx)
 * is recognised by its header row, so sheet and file names are free; column order is free too.
 *
 * Kinds may be given by their English name (Branch) or their Chinese term (党支部), pairing kinds and
 * statuses likewise. An empty cell means "not given": for an existing id it leaves the stored value
 * as it is. TEMPLATES.md (next to this file) documents each column; the xlsx template carries the same
 * text on its second sheet, 说明.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type Category, KIND_NAMES, KINDS, type Kind, PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';

export interface Column {
  /** The field the row is read into. */
  key: string;
  /** The header as it appears in the file. */
  header: string;
  /** Every row needs a value in it. */
  required: boolean;
  /**
   * The column must be in the header row even though some rows leave it empty: without it a row could
   * not say "no parent" on purpose, and a 党支部 would be written without one (issue 14, item 4).
   */
  columnRequired?: boolean;
  /** What to put in it, Chinese first. */
  help: string;
}

/** One template; its name is its key in TEMPLATES. */
export interface Template {
  /** Sheet title of the xlsx template. */
  title: string;
  /** What one row is. */
  row: string;
  columns: Column[];
}

const requiredColumn = (key: string, header: string, help: string): Column => ({ key, header, required: true, help });
const optionalColumn = (key: string, header: string, help: string): Column => ({ key, header, required: false, help });

const NAME_COLUMN = requiredColumn('name', '名称', '中文名称 (Chinese name)');
const kindColumn = (help: string) => requiredColumn('kind', '类型', help);
const nameEnColumn = (header: string, help: string) => optionalColumn('nameEn', header, help);
/** Empty in some rows but always in the header row (columnRequired): an empty cell says "no parent" on purpose. */
const parentColumn = (header: string, help: string): Column => ({ ...optionalColumn('parentId', header, help), columnRequired: true });

const SOURCE_COLUMNS: Column[] = [
  optionalColumn(
    'sourceDocument',
    '出处文件',
    '陈述该事实的文件名；留空则记为导入文件名 (the document stating the fact; the import file when empty)',
  ),
  optionalColumn('sourceQuote', '出处原文', '文件中陈述该事实的原句；留空则记为“文件名 第N行” (the sentence; "file row N" when empty)'),
];

/**
 * A template's columns in their order: the id first, whose header (组织编号, 地点编号 …) tells the
 * templates apart (templateOfHeaders), then the template's own, then the sources every row may give.
 */
const template = (title: string, row: string, [idHeader, idHelp]: [string, string], own: Column[]): Template => ({
  title,
  row,
  columns: [requiredColumn('id', idHeader, idHelp), ...own, ...SOURCE_COLUMNS],
});

/** Which kinds each entity template accepts. Units (企业 …) go in the organizations table: pairings need them. */
export const TEMPLATE_CATEGORIES = {
  organizations: ['Organization', 'Unit', 'Alliance'],
  places: ['Place'],
  people: ['Person'],
} as const satisfies Record<string, readonly Category[]>;

export const TEMPLATES = {
  organizations: template(
    '组织',
    '一个党组织或单位 (a Party organization, or a unit such as an enterprise)',
    ['组织编号', '唯一编号：小写字母、数字，用“-”连接，如 lc-tangwang-sw (unique id)'],
    [
      NAME_COLUMN,
      kindColumn(`类型，中文或英文，如 党支部 / Branch (kind)`),
      parentColumn(
        '上级组织编号',
        '上级党组织编号；党组织必填（区委除外），单位、联合体不填。改动即“调整隶属关系”，不得成环 (parent organization; a change is a move)',
      ),
      optionalColumn('governsPlaceId', '管辖地点编号', '该党组织管辖的地点编号 (the place it governs)'),
      optionalColumn('locatedInId', '所在地点编号', '所在地点编号，如楼宇 (the place it sits in)'),
      nameEnColumn('英文名称', '英文名称 (English name)'),
    ],
  ),
  places: template(
    '地点',
    '一个地点：区、街道、村、社区、楼宇… (a place)',
    ['地点编号', '唯一编号 (unique id)'],
    [
      NAME_COLUMN,
      kindColumn('类型，中文或英文，如 村 / Village (kind)'),
      parentColumn('上级地点编号', '所属上级地点编号；除“市”“区”外必填，改动即调整归属 (the larger place it lies in)'),
      nameEnColumn('英文名称', '英文名称 (English name)'),
    ],
  ),
  pairings: template(
    '结对',
    '一条结对：企业联村、城市社区结对共建或双报到 (a pairing)',
    ['结对编号', '唯一编号 (unique id)'],
    [
      requiredColumn('kind', '结对类型', '企业联村 / 城市社区结对共建 / 双报到 (EnterpriseVillage / CommunityVillage / UnitCommunity)'),
      requiredColumn('partnerId', '结对方编号', '企业、社区或机关单位的编号 (partner id)'),
      requiredColumn('targetId', '受援方编号', '村或社区的编号 (target place id)'),
      optionalColumn('programme', '工程', '所属工程，如 万人下乡、千村提升 (programme)'),
      optionalColumn('status', '状态', '进行中 / 已结束 (active / ended)；留空时有结束日期即为已结束'),
      optionalColumn('validFrom', '开始日期', '开始日期 YYYY-MM-DD (start date)'),
      optionalColumn('validTo', '结束日期', '结束日期 YYYY-MM-DD，已结束必填 (end date)'),
      optionalColumn('reason', '原因', '结束或调整的原因 (reason)'),
    ],
  ),
  people: template(
    '人员',
    '一人的一项职务；一人多职写多行 (one position of one person)',
    ['人员编号', '唯一编号；同一人多行编号相同 (person id)'],
    [
      requiredColumn('name', '姓名', '报道中点名的姓名，不得虚构 (name as a document states it)'),
      requiredColumn('positionAtId', '任职单位编号', '任职的组织、地点或单位的编号 (where the position is held)'),
      requiredColumn('title', '职务', '职务，如 社区书记 (title)'),
      nameEnColumn('英文姓名', '英文姓名 (English name)'),
    ],
  ),
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
export const isTemplateName = (value: string): value is TemplateName => Object.hasOwn(TEMPLATES, value);

/**
 * The template a header row belongs to: the one whose id header (组织编号, 地点编号 …) it holds. The id
 * headers differ between templates, so one header decides.
 */
export function templateOfHeaders(headers: readonly string[]): TemplateName | null {
  const present = new Set(headers.map((h) => h.trim()));
  return TEMPLATE_NAMES.find((name) => present.has(TEMPLATES[name].columns[0]!.header)) ?? null;
}

/** Kind names by every way a user may write them: Branch, branch, 党支部 (and each part of "区委 / 党工委(区级)"). */
const KIND_ALIASES = new Map<string, Kind>(
  KIND_NAMES.flatMap((kind) => [[kind.toLowerCase(), kind] as const, ...KINDS[kind].zh.split('/').map((zh) => [zh.trim(), kind] as const)]),
);

export const kindOf = (text: string): Kind | null => KIND_ALIASES.get(text.trim()) ?? KIND_ALIASES.get(text.trim().toLowerCase()) ?? null;

const PAIRING_ALIASES = new Map<string, PairingKind>(
  (Object.keys(PAIRING_KINDS) as PairingKind[]).flatMap((kind) => [
    [kind.toLowerCase(), kind] as const,
    [PAIRING_KINDS[kind].zh, kind] as const,
  ]),
);

export const pairingKindOf = (text: string): PairingKind | null =>
  PAIRING_ALIASES.get(text.trim()) ?? PAIRING_ALIASES.get(text.trim().toLowerCase()) ?? null;

const STATUS_ALIASES = new Map([
  ['active', 'active'],
  ['进行中', 'active'],
  ['ended', 'ended'],
  ['已结束', 'ended'],
] as const);

export const statusOf = (text: string): 'active' | 'ended' | null => STATUS_ALIASES.get(text.trim().toLowerCase() as 'active') ?? null;

/** Whether a table without this column in its header row is refused (a required value, or columnRequired). */
export const mustBeInHeader = (column: Column): boolean => column.required || column.columnRequired === true;

/** The CSV template: UTF-8 with a BOM (so Excel reads the Chinese), the header row only. */
export function templateCsv(name: TemplateName): string {
  return `\uFEFF${stringify([TEMPLATES[name].columns.map((c) => c.header)])}`;
}

/** How the 说明 sheet's first line ends: the import knows the sheet by it even without its name. */
export const HELP_NOTE = '黄色表头为必填。导入前可先“试运行”(dry run)检查。';

/** The xlsx template: the table's header row on the first sheet, each column explained on 说明. */
export async function templateXlsx(name: TemplateName): Promise<Buffer> {
  const template = TEMPLATES[name];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jinan-party-graph';
  const sheet = workbook.addWorksheet(template.title);
  const header = sheet.addRow(template.columns.map((c) => c.header));
  header.font = { bold: true };
  template.columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, column.header.length * 3);
    if (mustBeInHeader(column)) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
  });
  const help = workbook.addWorksheet('说明');
  help.addRow([`${template.title}：每行${template.row}。${HELP_NOTE}`]);
  help.addRow([]);
  help.addRow(['表头', '必填', '说明']).font = { bold: true };
  for (const column of template.columns)
    help.addRow([column.header, column.required ? '是' : mustBeInHeader(column) ? '列必有，可留空' : '否', column.help]);
  help.getColumn(1).width = 16;
  help.getColumn(3).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
