/**
 * Audit reports as files: coverage (rolled up by area), findings, claims check, pairings and an area's
 * history between two dates, each as
 * CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or a real Excel workbook (exceljs). Every file
 * starts with the export date and the filter it was made with, then a table with Chinese headers:
 * kinds by their Chinese names, date-times in Beijing time (Asia/Shanghai), places with their district
 * and 街道. The numbers come from the same functions and fragments the GraphQL API uses.
 */

import ExcelJS from 'exceljs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ApiError, badInput } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { beijingTime } from '../../schema/beijing-time.ts';
import { csvText } from '../../schema/csv-text.ts';
import { isPairingKind, KINDS, PAIRING_KINDS, type PairingKind, RELATIONSHIP_TYPES, type RelationshipType } from '../../schema/model.ts';
import { stepText } from '../../schema/path-phrases.ts';
import { dateArg } from '../args.ts';
import { sendApiError, sendError } from '../rest-errors.ts';
import { findArea, showSynthetic } from '../services/areas.ts';
import { checkClaims, findingEntities, runFindings } from '../services/audit.ts';
import { type CoverageObject, coverageRollup } from '../services/coverage.ts';
import { areaHistory, type PairingEvent } from '../services/history.ts';
import { findPairings } from '../services/pairings.ts';
import { findPaths, shownName, stepsOf } from '../services/paths.ts';
import { rankSubdistricts } from '../services/ranking.ts';

export interface Report {
  /** File name without extension. */
  name: string;
  /** Sheet title, Chinese. */
  title: string;
  /** What the report was made with: shown at the top of the file. */
  filter: [string, string][];
  headers: string[];
  rows: (string | number | null)[][];
}

/** A line of a report's filter; a value not given (no area, no kind …) shows as `none`: 全部, all. */
const filterLine = (label: string, value: string | null | undefined, none = '全部'): [string, string] => [label, value ?? none];

/** A report's file name: the report, the area's id (all without one), then its dates. */
const fileName = (report: keyof typeof REPORTS, area: { id: string } | null | undefined, ...dates: string[]) =>
  [report, area?.id ?? 'all', ...dates].join('-');

/** The filter lines of a report about one area, one date and one pairing kind. */
const areaFilter = (areaName: string, asOf: string, kind: PairingKind): [string, string][] => [
  filterLine('区域', areaName),
  filterLine('截至日期', asOf),
  filterLine('结对类型', PAIRING_KINDS[kind].zh),
];

type Query = Record<string, string | undefined>;

const STATUS_ZH = { MATCHES: '一致', GRAPH_HOLDS_FEWER: '图谱偏少', GRAPH_HOLDS_MORE: '图谱偏多', NOT_COUNTABLE: '无法核对' } as const;
const SEVERITY_ZH = { critical: '严重', error: '错误', warning: '警告', info: '提示' } as const;

function pairingKindArg(value: string | undefined): PairingKind {
  if (value === undefined) return 'EnterpriseVillage';
  if (!isPairingKind(value)) throw badInput('kind', `must be one of ${Object.keys(PAIRING_KINDS).join(', ')}`);
  return value;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** A pairing kind's Chinese name (schema/model.ts), e.g. EnterpriseVillage → 企业联村; the id itself for one the model lacks. */
const pairingKindZh = (kind: string): string => (isPairingKind(kind) ? PAIRING_KINDS[kind].zh : kind);

/** Whether the query string asks for synthetic data too (`includeSynthetic=true`), as the API's argument. */
const syntheticAsked = (query: Query) => ({ includeSynthetic: query.includeSynthetic === 'true' });

/** A kind's Chinese name (schema/model.ts), e.g. Subdistrict → 街道; the id itself for one the model lacks. */
export const kindZh = (kind: string): string => (KINDS as Record<string, { zh: string }>)[kind]?.zh ?? kind;

/** The 街道 and district of each entity (cypher/fragments/located-in.cypher), by id. */
async function locate(store: GraphStore, ids: string[]): Promise<Map<string, { subdistrict: string | null; district: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await store.read<{ id: string; subdistrict: string | null; district: string | null }>('export/locate-entities', {
    ids: [...new Set(ids)],
  });
  return new Map(rows.map((r) => [r.id, { subdistrict: r.subdistrict, district: r.district }]));
}

/** The arguments of a report about one area on one date for one pairing kind (coverage, unpaired): the area is required. */
async function areaDateKindArgs(store: GraphStore, query: Query) {
  if (!query.area) throw badInput('area', 'is required');
  const asOf = dateArg('asOf', query.asOf);
  const kind = pairingKindArg(query.kind);
  const area = await findArea(store, 'area', query.area);
  return { area, asOf, kind, includeSynthetic: showSynthetic(syntheticAsked(query), area) };
}

/** How many unpaired names a coverage row lists before "…等 N 个". */
const NAMES_PER_ROW = 100;

/** Coverage of an area and every level below it, one row per area, indented by level. */
async function coverageReport(store: GraphStore, query: Query): Promise<Report> {
  const { area, asOf, kind, includeSynthetic } = await areaDateKindArgs(store, query);
  const rows: Report['rows'] = (await coverageRollup(store, area, { kind, asOf, includeSynthetic })).map(({ level, coverage }) => {
    const names = coverage.unpairedFirstPage.slice(0, NAMES_PER_ROW).map((v) => String(v.name));
    const more = coverage.unpairedTotal > names.length ? `…等 ${coverage.unpairedTotal} 个` : '';
    return [
      level,
      coverage.area.name,
      kindZh(coverage.area.kind),
      coverage.villages,
      coverage.paired,
      coverage.villages - coverage.paired,
      percent(coverage.rate),
      names.join('、') + more,
    ];
  });
  return {
    name: fileName('coverage', area, asOf),
    title: '结对覆盖率',
    filter: areaFilter(area.name, asOf, kind),
    headers: ['层级', '区域', '类型', '村（社区）数', '已结对', '未结对', '覆盖率（%）', '未结对的村（社区）'],
    rows,
  };
}

async function findingsReport(store: GraphStore, query: Query): Promise<Report> {
  const rules = query.rules ? query.rules.split(',') : null;
  const asOf = dateArg('asOf', query.asOf);
  const { area, findings } = await runFindings(store, {
    area: query.area,
    rules,
    asOf,
    ...syntheticAsked(query),
  });
  const byId = await findingEntities(store, findings);
  const where = await locate(
    store,
    findings.map((f) => f.entityId),
  );
  return {
    name: fileName('findings', area, asOf),
    title: '审计发现',
    filter: [filterLine('区域', area?.name), filterLine('截至日期', asOf), filterLine('规则', rules?.join('、'))],
    headers: ['严重程度', '规则', '规则说明', '区', '街道', '实体编号', '实体名称', '类型', '问题'],
    rows: findings.map((f) => {
      const entity = byId.get(f.entityId);
      const at = where.get(f.entityId);
      return [
        SEVERITY_ZH[f.rule.severity],
        f.rule.id,
        f.rule.zh,
        at?.district ?? null,
        at?.subdistrict ?? null,
        f.entityId,
        entity?.name ?? '',
        entity ? kindZh(entity.kind) : '',
        f.detail,
      ];
    }),
  };
}

async function claimsReport(store: GraphStore, query: Query): Promise<Report> {
  const asOf = dateArg('asOf', null);
  const { area, claims } = await checkClaims(store, query.area, syntheticAsked(query));
  return {
    name: fileName('claims', area, asOf),
    title: '报道数字核对',
    filter: [filterLine('区域', area?.name), filterLine('核对日期', asOf)],
    headers: ['陈述主体', '报道原文', '指标', '报道数值', '单位', '图谱计数', '核对结果', '出处文件', '出处原文'],
    rows: claims.map((c) => [
      c.subject.name,
      c.statement,
      c.metric,
      c.value,
      c.unit,
      c.graphValue,
      STATUS_ZH[c.status],
      c.sources.map((s) => s.document).join('；'),
      c.sources.map((s) => s.quote).join('；'),
    ]),
  };
}

async function pairingsReport(store: GraphStore, query: Query): Promise<Report> {
  const kind = query.kind === undefined ? null : pairingKindArg(query.kind);
  const {
    area,
    filter: { activeOn },
    items: pairings,
  } = await findPairings(
    store,
    {
      ...syntheticAsked(query),
      area: query.area || null,
      kind,
      programme: query.programme,
      status: query.status,
      activeOn: query.activeOn,
    },
    { offset: 0, limit: 100_000 },
  );
  return {
    name: fileName('pairings', area),
    title: '结对清单',
    filter: [
      filterLine('区域', area?.name),
      filterLine('结对类型', kind && PAIRING_KINDS[kind].zh),
      filterLine('状态', query.status),
      filterLine('有效日期', activeOn, '不限'),
      filterLine('工程', query.programme),
    ],
    headers: ['结对编号', '类型', '结对方', '受援方', '工程', '状态', '开始日期', '结束日期', '原因', '替代结对'],
    rows: pairings.map((p) => [
      p.id,
      pairingKindZh(p.kind),
      p.partner.name,
      p.target.name,
      p.programme,
      p.status === 'active' ? '进行中' : '已结束',
      p.validFrom,
      p.validTo,
      p.reason,
      p.replaces,
    ]),
  };
}

const coverageCell = (c: CoverageObject) => `${c.paired} / ${c.villages}（${percent(c.rate) ?? '—'}%）`;
const pairingCell = (p: PairingEvent['pairing']) => `${p.partner.name} → ${p.target.name}`;

/**
 * What changed in an area between two dates (the API's areaHistory), as one table: a row per pairing
 * kind's coverage on both dates, then every pairing started, ended or re-matched, then every move.
 */
async function historyReport(store: GraphStore, query: Query): Promise<Report> {
  if (!query.area) throw badInput('area', 'is required');
  if (!query.from) throw badInput('from', 'is required');
  const kind = query.kind === undefined ? null : pairingKindArg(query.kind);
  const history = await areaHistory(store, { area: query.area, from: query.from, to: query.to ?? null, kinds: kind ? [kind] : null });
  const event = (label: string, e: PairingEvent, before: string, after: string) => [
    label,
    pairingKindZh(e.pairing.kind),
    e.date,
    before,
    after,
    e.reason,
    e.source?.document ?? null,
    e.source?.quote ?? null,
    e.change?.actor ?? null,
    beijingTime(e.change?.at),
  ];
  return {
    name: fileName('history', history.area, history.from, history.to),
    title: '区域变化',
    filter: [
      filterLine('区域', history.area.name),
      filterLine('起始日期', history.from),
      filterLine('截止日期', history.to),
      filterLine('结对类型', kind && PAIRING_KINDS[kind].zh),
    ],
    headers: ['类别', '类型或对象', '日期', '变化前', '变化后', '原因', '出处文件', '出处原文', '操作人', '记录时间（北京时间）'],
    rows: [
      ...history.coverage.map((c) => [
        '覆盖率',
        pairingKindZh(c.kind),
        `${history.from} → ${history.to}`,
        coverageCell(c.before),
        coverageCell(c.after),
        null,
        null,
        null,
        null,
        null,
      ]),
      ...history.started.map((e) => event('新建结对', e, '', pairingCell(e.pairing))),
      ...history.ended.map((e) => event('结束结对', e, pairingCell(e.pairing), '')),
      ...history.rematched.map((e) => event('重新结对', e, e.replaced ? pairingCell(e.replaced) : '', pairingCell(e.pairing))),
      ...history.moves.map((m) => [
        '调整隶属关系',
        m.organization.name,
        beijingTime(m.change.at)?.slice(0, 10) ?? null,
        m.from.map((p) => p.name).join('、'),
        m.to.map((p) => p.name).join('、'),
        m.change.reason,
        m.change.source,
        null,
        m.change.actor,
        beijingTime(m.change.at),
      ]),
    ],
  };
}

/** Every 街道 within an area with its coverage per pairing kind (the API's subdistrictRanking), lowest first. */
async function rankingReport(store: GraphStore, query: Query): Promise<Report> {
  if (!query.area) throw badInput('area', 'is required');
  const asOf = dateArg('asOf', query.asOf);
  const area = await findArea(store, 'area', query.area);
  const ranks = await rankSubdistricts(store, { area: area.id, asOf, ...syntheticAsked(query) });
  const kinds = Object.keys(PAIRING_KINDS) as PairingKind[];
  return {
    name: fileName('ranking', area, asOf),
    title: '街道覆盖率排名',
    filter: [filterLine('区域', area.name), filterLine('截至日期', asOf)],
    headers: [
      '排名',
      '区',
      '街道',
      ...kinds.flatMap((k) => [
        `${PAIRING_KINDS[k].zh}·村（社区）数`,
        `${PAIRING_KINDS[k].zh}·已结对`,
        `${PAIRING_KINDS[k].zh}·未结对`,
        `${PAIRING_KINDS[k].zh}·覆盖率（%）`,
      ]),
    ],
    rows: ranks.map((r, i) => [
      i + 1,
      r.district?.name ?? null,
      r.subdistrict.name,
      ...kinds.flatMap((k) => {
        const c = r.byKind.find((x) => x.kind === k);
        return [c?.targets ?? 0, c?.paired ?? 0, c?.unpaired ?? 0, percent(c?.rate ?? null)];
      }),
    ]),
  };
}

/**
 * The unpaired villages (communities) of an area on a date, as the coverage lens lists them, each with its
 * district, 街道, status (never paired, or its pairing ended) and the last partner with the dates.
 */
async function unpairedReport(store: GraphStore, query: Query): Promise<Report> {
  const { area, asOf, kind, includeSynthetic } = await areaDateKindArgs(store, query);
  const rows = await store.read<{
    target: { id: string; name: string };
    last: { validFrom?: string; validTo?: string; reason?: string } | null;
    partner: { name: string } | null;
    subdistrict: { name: string } | null;
    district: { name: string } | null;
  }>('export/list-unpaired', { areaId: area.id, kind, targetLabel: PAIRING_KINDS[kind].to[0], asOf, includeSynthetic });
  return {
    name: fileName('unpaired', area, asOf),
    title: '未结对清单',
    filter: areaFilter(area.name, asOf, kind),
    headers: ['区', '街道', '编号', '名称', '状态', '最近结对方', '开始日期', '结束日期', '结束原因'],
    rows: rows.map((r) => [
      r.district?.name ?? null,
      r.subdistrict?.name ?? null,
      r.target.id,
      r.target.name,
      r.last ? '结对已结束' : '未结对',
      r.partner?.name ?? null,
      r.last?.validFrom ?? null,
      r.last?.validTo ?? null,
      r.last?.reason ?? null,
    ]),
  };
}

/** A whole number from the query string; the default when absent (the range is checked by findPaths). */
const intParam = (field: string, value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw badInput(field, 'must be a whole number');
  return Number(value);
};
const listParam = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : null);

/**
 * The alternative paths between two entities (the API's `paths`, as the path lens shows them), one row
 * per step with the step in words: a planner's answer to "how is A connected to B", ready for a report.
 */
async function pathReport(store: GraphStore, query: Query): Promise<Report> {
  if (!query.from) throw badInput('from', 'is required');
  if (!query.to) throw badInput('to', 'is required');
  const relationships = listParam(query.relationships);
  const excludeKinds = listParam(query.excludeKinds);
  const paths = await findPaths(store, {
    from: query.from,
    to: query.to,
    k: intParam('k', query.k, 3),
    maxLength: intParam('maxLength', query.maxLength, 6),
    relationships,
    excludeKinds,
  });
  const ends = await store.read<{ id: string; node: Record<string, unknown> }>('entity/get-entities', { ids: [query.from, query.to] });
  const name = (id: string) => {
    const node = ends.find((e) => e.id === id)?.node;
    return node ? shownName(node) : id;
  };
  const typeZh = (type: string) => RELATIONSHIP_TYPES[type as RelationshipType]?.zh ?? type;
  return {
    name: `path-${query.from}-${query.to}`,
    title: '关联路径',
    filter: [
      filterLine('起点', name(query.from)),
      filterLine('终点', name(query.to)),
      filterLine('关系类型', relationships?.map(typeZh).join('、')),
      filterLine('不经过的类型', excludeKinds?.map(kindZh).join('、'), '无'),
    ],
    headers: ['路径', '步数', '第几步', '从', '从·类型', '关系', '方向', '到', '到·类型', '说明'],
    rows: paths.flatMap((path, p) =>
      stepsOf(path).map((step, i) => [
        p + 1,
        path.edges.length,
        i + 1,
        step.from,
        kindZh(String(step.fromNode.kind)),
        typeZh(step.type),
        step.forward ? '正向' : '反向',
        step.to,
        kindZh(String(step.toNode.kind)),
        stepText(step, 'zh'),
      ]),
    ),
  };
}

export const REPORTS = {
  path: pathReport,
  ranking: rankingReport,
  unpaired: unpairedReport,
  coverage: coverageReport,
  findings: findingsReport,
  claims: claimsReport,
  pairings: pairingsReport,
  history: historyReport,
} as const;

/**
 * CSV text for a report. Names, programmes, reasons and sources are written by editors: a cell that
 * starts with = + - @ (or tab, CR, or their full-width forms) would run as a formula in the auditor's
 * spreadsheet, so schema/csv-text.ts prefixes it with ' (numbers are left as they are).
 */
export function reportCsv(report: Report): string {
  const preamble = [['导出时间（北京时间）', beijingTime(new Date())], ...report.filter, []];
  return `\uFEFF${csvText([[report.title], ...preamble, report.headers, ...report.rows])}`;
}

export async function reportXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jinan-party-graph';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(report.title);
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  sheet.addRow(['导出时间（北京时间）', beijingTime(new Date())]);
  for (const line of report.filter) sheet.addRow(line);
  sheet.addRow([]);
  const header = sheet.addRow(report.headers);
  header.font = { bold: true };
  for (const row of report.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(
      60,
      Math.max(10, ...[report.headers[i] ?? '', ...report.rows.map((r) => String(r[i] ?? ''))].map((v) => v.length * 2)),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function send(reply: FastifyReply, report: Report, format: 'csv' | 'xlsx') {
  const file = encodeURIComponent(`${report.name}.${format}`);
  reply.header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${file}`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(report));
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(report));
}

const exportsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { report: string; format: string }; Querystring: Query }>('/export/:report.:format', async (request, reply) => {
    const { report, format } = request.params;
    const build = REPORTS[report as keyof typeof REPORTS];
    if (!Object.hasOwn(REPORTS, report) || !build) {
      return sendError(reply, 'NOT_FOUND', `report: one of ${Object.keys(REPORTS).join(', ')}`, 'report');
    }
    if (format !== 'csv' && format !== 'xlsx') {
      return sendError(reply, 'BAD_USER_INPUT', 'format: csv or xlsx', 'format');
    }
    try {
      return await send(reply, await build(app.store, request.query), format);
    } catch (error) {
      if (error instanceof ApiError) return sendApiError(reply, error);
      throw error;
    }
  });
};

export default exportsRoutes;
