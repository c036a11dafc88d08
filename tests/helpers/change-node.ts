/** A change-log entry as Query.changes returns it, with every field asked for (see schema/change.graphql). */
export interface ChangeNode {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityId: string;
  entityKind: string;
  before: string | null;
  after: string;
  reason: string | null;
  source: string | null;
}
