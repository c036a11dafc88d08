/**
 * The check of one graph.json record, the same for the graph.json import and for restore: an id, a
 * props object, and for nodes a kind of the model whose labels fit it, for relationships a type of the
 * model with both ends, for claims a subject, for change-log entries an id. Labels and types reach
 * Cypher only after this check (they cannot be parameters).
 */
import { CATEGORIES, isKind, isRelationshipType, labelsOf } from '../../schema/model.ts';
import type { ClaimRecord, NodeRecord, RelationshipRecord, Section, Sections } from './graph-document.ts';
import type { IssueCode } from './import-report.ts';

const ALLOWED_LABELS = new Set<string>(['Entity', 'Synthetic', ...CATEGORIES]);

export interface RecordProblem {
  code: IssueCode;
  message: string;
  column: string;
}

export type Checked<S extends Section> = { record: Sections[S]; problem?: never } | { record?: never; problem: RecordProblem };

const refuse = (code: IssueCode, column: string, message: string) => ({ problem: { code, column, message } });

/** The record as the loader writes it (only the fields it reads), or the first problem found in it. */
export function checkRecord<S extends Section>(section: S, raw: unknown): Checked<S> {
  const record = raw as Partial<NodeRecord & RelationshipRecord & ClaimRecord>;
  if (typeof record.id !== 'string' || record.id === '') return refuse('MISSING_VALUE', 'id', 'a record needs its id');
  if (section === 'changes') return { record: raw as Sections[S] };
  const props = record.props;
  if (!props || typeof props !== 'object' || Array.isArray(props))
    return refuse('MISSING_VALUE', 'props', `${record.id} has no props object`);
  if (section === 'nodes') {
    const kind = String(props.kind ?? '');
    const labels = Array.isArray(record.labels) ? record.labels.map(String) : [];
    if (!isKind(kind)) return refuse('UNKNOWN_KIND', 'props.kind', `${record.id}: "${kind}" is not a kind of the model`);
    if (labels.some((l) => !ALLOWED_LABELS.has(l) && l !== kind) || labelsOf(kind).some((l) => !labels.includes(l)))
      return refuse(
        'WRONG_KIND',
        'labels',
        `${record.id}: labels ${labels.join(':')} do not fit kind ${kind} (${labelsOf(kind).join(':')})`,
      );
    if (props.id !== record.id) return refuse('BAD_VALUE', 'props.id', `${record.id}: props.id is ${String(props.id)}`);
    return { record: { id: record.id, labels, props } as Sections[S] };
  }
  if (section === 'relationships') {
    const { type, from, to } = record;
    if (!type || !isRelationshipType(type))
      return refuse('UNKNOWN_KIND', 'type', `${record.id}: "${String(type)}" is not a relationship type of the model`);
    if (typeof from !== 'string' || typeof to !== 'string') return refuse('MISSING_VALUE', 'from', `${record.id} needs from and to`);
    return { record: { id: record.id, type, from, to, props } as Sections[S] };
  }
  if (typeof record.subject !== 'string') return refuse('MISSING_VALUE', 'subject', `${record.id} needs its subject`);
  return { record: { id: record.id, subject: record.subject, props } as Sections[S] };
}
