/**
 * Reads and checks the documented dataset, and turns it into the records the loader writes.
 *
 * Nothing here touches Neo4j: a dataset that fails any check is rejected with every problem listed
 * (file, record, field, reason) before a single statement runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  type Category,
  KINDS,
  type Kind,
  labelsOf,
  PAIRING_KINDS,
  type PairingKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../schema/model.ts';
import type { GraphRecords, NodeRecord, RelationshipRecord } from './graph-records.ts';
import { type SeedFile, type SeedSource, seedFileSchema } from './seed-format.ts';

export const SEED_DIR = fileURLToPath(new URL('./seed/', import.meta.url));
export const SOURCES_DIR = fileURLToPath(new URL('./sources/', import.meta.url));

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
  const checkSources = (file: string, record: string, list: SeedSource[]) => {
    list.forEach((source, i) => {
      const text = documents.get(source.document);
      if (text === undefined) {
        problems.push({ file, record, field: `sources[${i}].document`, reason: `no report named ${source.document}` });
      } else if (!text.includes(squash(source.quote))) {
        problems.push({ file, record, field: `sources[${i}].quote`, reason: `not found word for word in ${source.document}` });
      }
    });
  };

  const kinds = new Map<string, { kind: Kind; file: string }>();
  const nodes: NodeRecord[] = [];
  for (const { file, data } of parsed) {
    data.nodes.forEach((node, i) => {
      const record = `nodes[${i}] (${node.id})`;
      checkSources(file, record, node.sources);
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
          ...provenance(node.sources),
          synthetic: false,
        },
      });
    });
  }

  const categoryOf = (nodeId: string): Category | undefined => {
    const entry = kinds.get(nodeId);
    return entry ? KINDS[entry.kind].category : undefined;
  };
  const checkEnd = (file: string, record: string, field: 'from' | 'to', nodeId: string, allowed: readonly string[], actual?: string) => {
    if (actual === undefined) problems.push({ file, record, field, reason: `no node with id ${nodeId}` });
    else if (!allowed.includes(actual)) {
      problems.push({ file, record, field, reason: `${nodeId} is ${actual}; allowed here: ${allowed.join(', ')}` });
    }
  };

  const relationships = new Map<string, RelationshipRecord>();
  for (const { file, data } of parsed) {
    data.relationships.forEach((rel, i) => {
      const type = rel.type as RelationshipType;
      const record = `relationships[${i}] (${rel.from} ${type} ${rel.to})`;
      checkSources(file, record, rel.sources);
      const rule = RELATIONSHIP_TYPES[type];
      checkEnd(file, record, 'from', rel.from, rule.from, categoryOf(rel.from));
      checkEnd(file, record, 'to', rel.to, rule.to, categoryOf(rel.to));
      const relId = `${rel.from}|${type}|${rel.to}`;
      const existing = relationships.get(relId);
      // The same fact stated in two reports is one relationship with both sources.
      if (existing) mergeSources(existing.props, rel.sources);
      else
        relationships.set(relId, {
          id: relId,
          type,
          from: rel.from,
          to: rel.to,
          props: { ...rel.props, id: relId, ...provenance(rel.sources), synthetic: false },
        });
    });
    data.pairings.forEach((pairing, i) => {
      const record = `pairings[${i}] (${pairing.id})`;
      checkSources(file, record, pairing.sources);
      const rule = PAIRING_KINDS[pairing.kind as PairingKind];
      checkEnd(file, record, 'from', pairing.from, rule.from, kinds.get(pairing.from)?.kind);
      checkEnd(file, record, 'to', pairing.to, rule.to, kinds.get(pairing.to)?.kind);
      if (pairing.status === 'ended' && !pairing.validTo) {
        problems.push({ file, record, field: 'validTo', reason: 'an ended pairing needs the date it ended' });
      }
      if (pairing.validFrom && pairing.validTo && pairing.validTo < pairing.validFrom) {
        problems.push({ file, record, field: 'validTo', reason: 'ends before it starts' });
      }
      const { sources: pairingSources, from, to, ...rest } = pairing;
      relationships.set(pairing.id, {
        id: pairing.id,
        type: 'PAIRED_WITH',
        from,
        to,
        props: { ...rest, ...provenance(pairingSources), synthetic: false },
      });
    });
  }

  const claims: GraphRecords['claims'] = [];
  const claimIds = new Set<string>();
  for (const { file, data } of parsed) {
    data.claims.forEach((claim, i) => {
      const record = `claims[${i}] (${claim.id})`;
      checkSources(file, record, claim.sources);
      if (!kinds.has(claim.subject)) problems.push({ file, record, field: 'subject', reason: `no node with id ${claim.subject}` });
      if (claimIds.has(claim.id)) problems.push({ file, record, field: 'id', reason: 'duplicate claim id' });
      claimIds.add(claim.id);
      const { sources: claimSources, subject, ...rest } = claim;
      claims.push({ id: claim.id, subject, props: { ...rest, ...provenance(claimSources), synthetic: false } });
    });
  }

  if (problems.length > 0) throw new SeedError(problems);
  return { nodes, relationships: [...relationships.values()], claims };
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
