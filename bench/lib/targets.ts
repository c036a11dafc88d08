/**
 * The speed targets of issue #16's acceptance, in one place: the sections judge their rows against
 * these, and the README's table (bench/table.ts) judges the reference run against these too, so a
 * target changed here changes both.
 */
export const TARGETS = {
  /** Peer (@neo4j/graphql) p50 ÷ ours p50, on every question: at least. */
  peerP50: 2,
  /** Peer p99 ÷ ours p99, on every question: at least. */
  peerP99: 1.5,
  /** API p50 ÷ the same Cypher through the driver: at most. */
  apiRawP50: 1.15,
  /** API p99 ÷ the same Cypher through the driver: at most. */
  apiRawP99: 1.3,
  /** p99 ÷ p50 at half of the most requests/s the app serves: at most. */
  throughputP99OverP50: 3,
  /** Ours ÷ the best hand-written Cypher, database hits (PROFILE): at most. */
  dbHitsOverHand: 1.1,
  /** The same question asked by an editor ÷ an admin, database hits: at most. */
  dbHitsEditorOverAdmin: 1.2,
} as const;
