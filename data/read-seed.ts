/**
 * Reads and checks the documented dataset, and turns it into the records the loader writes.
 *
 * Nothing here touches Neo4j: a dataset that fails any check is rejected with every problem listed
 * (file, record, field, reason) before a single statement runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { projectDir } from '../graph/project-root.ts';
import { categoryOfKind, type Expected, linkId, pairingEnd, referenceRefusal, relationshipEnd } from '../graph/write-rules.ts';
import { DATED_RELATIONSHIP_TYPES, type Kind, labelsOf, type PairingKind, type RelationshipType } from '../schema/model.ts';
import { type AsOfRange, parseAsOf } from './as-of.ts';
import { type DocumentRecord, documentAsOf, readDocuments } from './documents.ts';
import type { GraphRecords, NodeRecord, RelationshipRecord } from './graph-records.ts';
import { type SeedFile, type SeedSource, seedFileSchema } from './seed-format.ts';

export const SEED_DIR = projectDir('data', 'seed');
export const SOURCES_DIR = projectDir('data', 'sources');

export interface SeedProblem {
  file: string;
  record: string;
  field: string;
  reason: string;
}

export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `the seed dataset has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p.file} ${p.record} ${p.field}: ${p.reason}`).join('\n'),
    );
    this.name = 'SeedError';
  }
}

/** The district a documented id's prefix names (seed-format.ts DOCUMENTED_ID); `jn-` is the city, in none. */
const ID_PREFIX_DISTRICT: Record<string, string> = { lc: '历城区', sz: '市中区', gx: '济南高新区' };

/** White space inside the reports is layout (column breaks), not meaning: compare without it. */
const squash = (text: string) => text.replace(/\s+/g, '');

export function readSeedFiles(dir = SEED_DIR): { file: string; data: unknown }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      try {
        return { file: name, data: parse(readFileSync(file, 'utf8')) };
      } catch (error) {
        throw new SeedError([{ file: name, record: '-', field: '-', reason: `not valid YAML: ${(error as Error).message}` }]);
      }
    });
}

function loadDocuments(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => [n, squash(readFileSync(join(dir, n), 'utf8'))]),
  );
}

/** Validates every file, then the references between files, and returns the records to load. */
export function buildSeedGraph(files: { file: string; data: unknown }[] = readSeedFiles(), documentsDir = SOURCES_DIR): GraphRecords {
  const problems: SeedProblem[] = [];
  const parsed: { file: string; data: SeedFile }[] = [];
  for (const { file, data } of files) {
    const result = seedFileSchema.safeParse(data ?? {});
    if (result.success) parsed.push({ file, data: result.data });
    else problems.push(...zodProblems(file, data, result.error));
  }
  if (problems.length > 0) throw new SeedError(problems);

  const documents = loadDocuments(documentsDir);
  const index = new Map<string, DocumentRecord>();
  for (const doc of readDocuments()) {
    index.set(doc.file, doc);
    const text = documents.get(doc.file);
    if (text === undefined) problems.push({ file: 'sources/index.yaml', record: doc.file, field: 'file', reason: 'no such report' });
    else if (!text.includes(squash(doc.whyEvidence))) {
      problems.push({
        file: 'sources/index.yaml',
        record: doc.file,
        field: 'whyEvidence',
        reason: 'not found word for word in the report',
      });
    }
  }
  const checkSources = (file: string, record: string, list: SeedSource[]) => {
    list.forEach((source, i) => {
      const text = documents.get(source.document);
      if (text === undefined) {
        problems.push({ file, record, field: `sources[${i}].document`, reason: `no report named ${source.document}` });
      } else if (!text.includes(squash(source.quote))) {
        problems.push({ file, record, field: `sources[${i}].quote`, reason: `not found word for word in ${source.document}` });
      }
      if (!index.has(source.document)) {
        problems.push({ file, record, field: `sources[${i}].document`, reason: `${source.document} is not in sources/index.yaml` });
      }
    });
  };
  /** The record's own `asOf`, or the date of the report it cites first; a problem when neither parses. */
  const timeOf = (file: string, record: string, given: string | undefined, list: SeedSource[]): AsOfRange | null => {
    const first = index.get(list[0]?.document ?? '');
    const asOf = given ?? (first ? documentAsOf(first) : undefined);
    const range = asOf === undefined ? null : parseAsOf(asOf);
    if (!range) problems.push({ file, record, field: 'asOf', reason: 'no date: give asOf, or cite a report listed in sources/index.yaml' });
    return range;
  };
  /**
   * A `stated` record must be stated: one of its quotes names it (its name or an alias). A report is
   * about one district, so its sentences name that district even when they say only “全区” or nothing.
   */
  const checkStated = (file: string, record: string, basis: string, list: SeedSource[], names: string[][]) => {
    if (basis !== 'stated') return;
    const names_ = (source: SeedSource, name: string) =>
      squash(source.quote).includes(squash(name)) || index.get(source.document)?.district === name;
    for (const alternatives of names) {
      if (!list.some((source) => alternatives.some((name) => names_(source, name)))) {
        problems.push({
          file,
          record,
          field: 'basis',
          reason: `"stated", but no quote names ${alternatives.join(' / ')}: quote a sentence that does, or give the basis that holds (composedName, institutional, inferred) with a basisNote`,
        });
      }
    }
  };

  /**
   * A district's facts come from that district's reports (each report is about one district,
   * sources/index.yaml): an `lc-` record cites 历城区's, a link cites a report about one of its ends.
   * `jn-` (the city) may cite any.
   */
  const checkDistrict = (file: string, record: string, ids: string[], list: SeedSource[]) => {
    const districts = [...new Set(ids.map((id) => ID_PREFIX_DISTRICT[id.replace(/^claim-/, '').split('-')[0]!]).filter(Boolean))];
    if (districts.length === 0) return;
    list.forEach((source, i) => {
      const district = index.get(source.document)?.district;
      if (district && !districts.includes(district)) {
        const whose = districts.join(' / ');
        problems.push({
          file,
          record,
          field: `sources[${i}].document`,
          reason: `${source.document} is a ${district} report; a ${whose} record cites ${whose}'s reports`,
        });
      }
    });
  };

  const kinds = new Map<string, { kind: Kind; file: string }>();
  const namesOf = new Map<string, string[]>();
  for (const { data } of parsed) for (const node of data.nodes) namesOf.set(node.id, [node.name, ...(node.aliases ?? [])]);
  const nodes: NodeRecord[] = [];
  for (const { file, data } of parsed) {
    data.nodes.forEach((node, i) => {
      const record = `nodes[${i}] (${node.id})`;
      checkSources(file, record, node.sources);
      checkStated(file, record, node.basis, node.sources, [namesOf.get(node.id)!]);
      checkDistrict(file, record, [node.id], node.sources);
      const seen = kinds.get(node.id);
      if (seen) {
        problems.push({ file, record, field: 'id', reason: `duplicate id, first defined in ${seen.file}` });
        return;
      }
      const kind = node.kind as Kind;
      kinds.set(node.id, { kind, file });
      nodes.push({
        id: node.id,
        labels: labelsOf(kind),
        props: {
          ...node.props,
          id: node.id,
          kind,
          name: node.name,
          ...(node.nameEn ? { nameEn: node.nameEn } : {}),
          ...(node.aliases ? { aliases: node.aliases } : {}),
          ...basisOf(node),
          ...provenance(node.sources),
          synthetic: false,
        },
      });
    });
  }

  // The ends are judged as every door that writes relationships judges them (graph/write-rules.ts);
  // the seed only words the refusal for whoever edits its YAML.
  const checkEnd = (file: string, record: string, field: 'from' | 'to', nodeId: string, expected: Expected) => {
    const kind = kinds.get(nodeId)?.kind;
    const refusal = referenceRefusal(kind, expected);
    if (refusal?.rule === 'UNKNOWN_REFERENCE') problems.push({ file, record, field, reason: `no node with id ${nodeId}` });
    else if (refusal) {
      const actual = expected.kinds ? kind : categoryOfKind(kind);
      problems.push({ file, record, field, reason: `${nodeId} is ${actual}; allowed here: ${refusal.expected.join(', ')}` });
    }
  };

  const relationships = new Map<string, RelationshipRecord>();
  for (const { file, data } of parsed) {
    data.relationships.forEach((rel, i) => {
      const type = rel.type as RelationshipType;
      const record = `relationships[${i}] (${rel.from} ${type} ${rel.to})`;
      checkSources(file, record, rel.sources);
      checkStated(file, record, rel.basis, rel.sources, [namesOf.get(rel.from) ?? [rel.from], namesOf.get(rel.to) ?? [rel.to]]);
      checkDistrict(file, record, [rel.from, rel.to], rel.sources);
      // A post holds at a time: the report's date unless the text gives its own.
      const time = DATED_RELATIONSHIP_TYPES.includes(type) || rel.asOf ? timeOf(file, record, rel.asOf, rel.sources) : null;
      checkEnd(file, record, 'from', rel.from, relationshipEnd(type, 'from'));
      checkEnd(file, record, 'to', rel.to, relationshipEnd(type, 'to'));
      const relId = linkId(rel.from, type, rel.to);
      const existing = relationships.get(relId);
      // The same fact stated in two reports is one relationship with both sources.
      if (existing) mergeSources(existing.props, rel.sources);
      else
        relationships.set(relId, {
          id: relId,
          type,
          from: rel.from,
          to: rel.to,
          props: { ...rel.props, id: relId, ...basisOf(rel), ...(time ?? {}), ...provenance(rel.sources), synthetic: false },
        });
    });
    data.pairings.forEach((pairing, i) => {
      const record = `pairings[${i}] (${pairing.id})`;
      checkSources(file, record, pairing.sources);
      checkDistrict(file, record, [pairing.id], pairing.sources);
      checkEnd(file, record, 'from', pairing.from, pairingEnd(pairing.kind as PairingKind, 'from'));
      checkEnd(file, record, 'to', pairing.to, pairingEnd(pairing.kind as PairingKind, 'to'));
      if (pairing.status === 'ended' && !pairing.validTo) {
        problems.push({ file, record, field: 'validTo', reason: 'an ended pairing needs the date it ended' });
      }
      if (pairing.validFrom && pairing.validTo && pairing.validTo < pairing.validFrom) {
        problems.push({ file, record, field: 'validTo', reason: 'ends before it starts' });
      }
      checkStated(file, record, pairing.basis, pairing.sources, [namesOf.get(pairing.from) ?? [], namesOf.get(pairing.to) ?? []]);
      const { sources: pairingSources, from, to, basis: _basis, basisNote: _note, ...rest } = pairing;
      relationships.set(pairing.id, {
        id: pairing.id,
        type: 'PAIRED_WITH',
        from,
        to,
        props: { ...rest, ...basisOf(pairing), ...provenance(pairingSources), synthetic: false },
      });
    });
  }

  const claims: GraphRecords['claims'] = [];
  const claimIds = new Map<string, { subject: string; metric: string; asOfFrom: string | undefined; file: string; record: string }>();
  const supersedes = new Map<string, { by: string; target: string }>();
  for (const { file, data } of parsed) {
    data.claims.forEach((claim, i) => {
      const record = `claims[${i}] (${claim.id})`;
      checkSources(file, record, claim.sources);
      checkDistrict(file, record, [claim.id], claim.sources);
      if (!kinds.has(claim.subject)) problems.push({ file, record, field: 'subject', reason: `no node with id ${claim.subject}` });
      if (claimIds.has(claim.id)) problems.push({ file, record, field: 'id', reason: 'duplicate claim id' });
      // A stated number is stated: its statement stands word for word in one of its quotes.
      const quoted = claim.sources.some((source) => containsInOrder(squash(source.quote), squash(claim.statement)));
      if (claim.basis === 'stated' && !quoted) {
        problems.push({ file, record, field: 'statement', reason: 'not found word for word in any of its quotes' });
      }
      // …and its value is a number those words write (a misquoted statement is one problem, not two).
      const written = writtenNumbers(squash(claim.statement));
      if (claim.basis === 'stated' && quoted && claim.value !== 1 && !written.some((n) => sameNumber(n.value, claim.value))) {
        const list = written.map((n) => `${n.text} = ${n.value}`).join(', ') || 'no number';
        problems.push({ file, record, field: 'value', reason: `${claim.value} is not a number the statement writes (it writes ${list})` });
      }
      const time = timeOf(file, record, claim.asOf, claim.sources);
      claimIds.set(claim.id, { subject: claim.subject, metric: claim.metric, asOfFrom: time?.asOfFrom, file, record });
      if (claim.supersedes) supersedes.set(claim.id, { by: claim.id, target: claim.supersedes });
      const { sources: claimSources, subject, asOf: _asOf, basis: _basis, basisNote: _note, ...rest } = claim;
      claims.push({
        id: claim.id,
        subject,
        props: { ...rest, ...basisOf(claim), ...(time ?? {}), ...provenance(claimSources), synthetic: false },
      });
    });
  }
  checkClaimTimeline(claimIds, supersedes, problems);
  if (problems.length > 0) throw new SeedError(problems);
  return { nodes, relationships: [...relationships.values()], claims };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * The numbers a statement writes, as the reports write them: 1319, 93.0%, 1.5万, 894.91万, 七成 (70),
 * 百余 (100), 万亩 (10000). A stated claim's value must be one of them: the statement is checked word
 * for word against the report, and this ties the value typed beside it to those words. A value of 1
 * is exempt: “成立联合党委” states one body without a numeral.
 */
function writtenNumbers(statement: string): { text: string; value: number }[] {
  const found: { text: string; value: number }[] = [];
  for (const [text, digits, scale] of statement.matchAll(/(\d+(?:\.\d+)?)(万|亿)?/g)) {
    found.push({ text, value: Number(digits) * (scale === '万' ? 1e4 : scale === '亿' ? 1e8 : 1) });
  }
  for (const [text] of statement.matchAll(/(?<![\d.])[一二两三四五六七八九十百千万]+成?/g)) {
    let total = 0;
    let digit = 0;
    for (const ch of text.replace('成', '')) {
      if (ch in CHINESE_DIGITS) digit = CHINESE_DIGITS[ch]!;
      else {
        total += (digit || 1) * CHINESE_UNITS[ch]!;
        digit = 0;
      }
    }
    total += digit;
    found.push({ text, value: text.endsWith('成') ? total * 10 : total });
  }
  return found;
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The statement's parts, cut at “……” (words left out), stand in the quote in that order. */
function containsInOrder(quote: string, statement: string): boolean {
  let from = 0;
  for (const part of statement.split('……')) {
    const at = quote.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

function basisOf(record: { basis: string; basisNote?: string | undefined }) {
  return { basis: record.basis, ...(record.basisNote ? { basisNote: record.basisNote } : {}) };
}

/**
 * Claims on the same subject and metric form one timeline: each later one names the one it replaces
 * (`supersedes`), which must be on the same subject and metric and not later than it. Two claims on
 * one subject and metric that no `supersedes` orders are a problem: a reader could not tell which holds.
 */
function checkClaimTimeline(
  claims: Map<string, { subject: string; metric: string; asOfFrom: string | undefined; file: string; record: string }>,
  supersedes: Map<string, { by: string; target: string }>,
  problems: SeedProblem[],
) {
  const replaced = new Set<string>();
  for (const { by, target } of supersedes.values()) {
    const newer = claims.get(by)!;
    const older = claims.get(target);
    if (!older) {
      problems.push({ file: newer.file, record: newer.record, field: 'supersedes', reason: `no claim with id ${target}` });
      continue;
    }
    if (older.subject !== newer.subject || older.metric !== newer.metric) {
      problems.push({
        file: newer.file,
        record: newer.record,
        field: 'supersedes',
        reason: `${target} is about another subject or metric`,
      });
    } else if (older.asOfFrom && newer.asOfFrom && older.asOfFrom > newer.asOfFrom) {
      problems.push({ file: newer.file, record: newer.record, field: 'supersedes', reason: `${target} is later (${older.asOfFrom})` });
    }
    if (replaced.has(target)) {
      problems.push({
        file: newer.file,
        record: newer.record,
        field: 'supersedes',
        reason: `${target} is already superseded by another claim`,
      });
    }
    replaced.add(target);
  }
  const current = new Map<string, string>();
  for (const [id, claim] of claims) {
    if (replaced.has(id)) continue;
    const key = `${claim.subject}|${claim.metric}`;
    const other = current.get(key);
    if (other) {
      problems.push({
        file: claim.file,
        record: claim.record,
        field: 'supersedes',
        reason: `${other} states the same subject and metric: say which supersedes which`,
      });
    } else current.set(key, id);
  }
}

function provenance(list: SeedSource[]) {
  return { sourceDocuments: list.map((s) => s.document), sourceQuotes: list.map((s) => s.quote) };
}

function mergeSources(props: Record<string, unknown>, list: SeedSource[]) {
  const documents = props.sourceDocuments as string[];
  const quotes = props.sourceQuotes as string[];
  for (const source of list) {
    if (!quotes.includes(source.quote)) {
      documents.push(source.document);
      quotes.push(source.quote);
    }
  }
}

/** Turns zod's issues into file/record/field/reason lines a data clerk can act on. */
function zodProblems(file: string, data: unknown, error: z.ZodError): SeedProblem[] {
  return error.issues.map((issue) => {
    const [list, index, ...field] = issue.path;
    let record = '-';
    if (typeof list === 'string' && typeof index === 'number') {
      const item = (data as Record<string, unknown[]>)[list]?.[index] as { id?: string } | undefined;
      record = `${list}[${index}]${item?.id ? ` (${item.id})` : ''}`;
    } else if (list !== undefined) {
      record = String(list);
    }
    return { file: basename(file), record, field: field.join('.') || '-', reason: issue.message };
  });
}
