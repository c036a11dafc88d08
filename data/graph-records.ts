/**
 * The shape both the documented dataset and the synthetic generator hand to the loader: plain
 * records whose labels and types have already been checked against schema/model.ts.
 */
export type PropertyValue = string | number | boolean | string[] | number[] | boolean[] | null;

export interface NodeRecord {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}

export interface RelationshipRecord {
  /** Stable id: documented facts use "from|TYPE|to", pairings their own id. */
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface ClaimRecord {
  id: string;
  /** The id of the entity that states the claim. */
  subject: string;
  props: Record<string, unknown>;
}

export interface GraphRecords {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
  claims: ClaimRecord[];
}
