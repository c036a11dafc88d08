/**
 * The one door to Neo4j for request handling: named queries only, reads routed to readers, writes in
 * managed transactions, a timeout on every transaction, and a count of round trips (tests use it to
 * prove a nested GraphQL query costs one query per level, not one per parent).
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { cypher, type QueryArgs, type QueryName, type QueryRow } from './cypher-queries.ts';
import { withinBudget } from './query-budget.ts';

export type Row = Record<string, unknown>;

/** The row type a caller did not name: the query's own (`// returns:` header) is used instead. */
declare const unnamed: unique symbol;
type Unnamed = typeof unnamed;

/** The rows of a named query: `T` when the caller names it, else the query's generated row type. */
type Rows<T, A extends QueryArgs> = [T] extends [Unnamed] ? QueryRow<A[0]>[] : T[];

/**
 * JavaScript has one number type and the driver sends it as a Cypher FLOAT, which LIMIT, SKIP and
 * list slices refuse. Whole numbers among the parameters (and in lists of them) go as INTEGER.
 */
export function cypherParams(params: Row): Row {
  const convert = (value: unknown): unknown => {
    if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value.map(convert);
    return value;
  };
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, convert(value)]));
}

export class GraphStore {
  /** Round trips to Neo4j since start (or since the last reset). */
  roundTrips = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
    readonly timeoutMs: number,
  ) {}

  /**
   * Runs a named read query and returns its records as plain objects. The name and the parameters are
   * checked at compile time against the query's file (graph/query-names.generated.ts):
   *
   *   const [row] = await store.read<{ node: Props }>('entity/get-entities', { ids: [id] });
   */
  async read<T = Unnamed, A extends QueryArgs = QueryArgs>(...[name, params = {}]: A): Promise<Rows<T, A>> {
    return (await this.readByName(name, params)) as Rows<T, A>;
  }

  /**
   * read() for a name chosen at run time (a loader's, a finding rule's): the name is still one of the
   * files, the parameters are the caller's to get right.
   */
  async readByName<T = Row>(name: QueryName, params: Row = {}): Promise<T[]> {
    // Inside a GraphQL request the timeout is what is left of its database time (query-budget.ts).
    const result = await withinBudget(this.timeoutMs, (timeout) => {
      this.roundTrips += 1;
      return this.driver.executeQuery(cypher(name), cypherParams(params), {
        database: this.database,
        routing: neo4j.routing.READ,
        transactionConfig: { timeout },
      });
    });
    return result.records.map((r) => r.toObject() as T);
  }

  /**
   * Runs a read the compiled read path (server/compiled/) built: generated text whose every value is a
   * parameter and every label and type comes from the model's whitelists. Same budget and count as read().
   */
  async readCompiled<T = Row>(query: { text: string; params: Row }): Promise<T[]> {
    const result = await withinBudget(this.timeoutMs, (timeout) => {
      this.roundTrips += 1;
      return this.driver.executeQuery(query.text, cypherParams(query.params), {
        database: this.database,
        routing: neo4j.routing.READ,
        transactionConfig: { timeout },
      });
    });
    return result.records.map((r) => r.toObject() as T);
  }

  /** Runs a unit of work in one managed write transaction (retried by the driver on transient errors). */
  async write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(new WriteTx(tx, this)), { timeout: this.timeoutMs });
    } finally {
      await session.close();
    }
  }
}

/** A write transaction that, like the store, only runs named queries. */
export class WriteTx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly store: GraphStore,
  ) {}

  async run<T = Unnamed, A extends QueryArgs = QueryArgs>(...[name, params = {}]: A): Promise<Rows<T, A>> {
    return (await this.runByName(name, params)) as Rows<T, A>;
  }

  /** run() for a name chosen at run time; see GraphStore.readByName. */
  async runByName<T = Row>(name: QueryName, params: Row = {}): Promise<T[]> {
    this.store.roundTrips += 1;
    const result = await this.tx.run(cypher(name), cypherParams(params));
    return result.records.map((r) => r.toObject() as T);
  }
}
