/**
 * The one door to Neo4j, for request handling and for the loaders, the seed, import, export and backup
 * alike: named queries only, reads routed to readers, writes in managed transactions, a timeout on every
 * transaction, and a count of round trips (tests use it to prove a nested GraphQL query costs one query
 * per level, not one per parent). Nothing outside graph/ opens a driver session.
 */
import neo4j, { type Driver, isRetriableError, type ManagedTransaction, type QueryStatistics, type Session } from 'neo4j-driver';
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

/** Per call: a transaction timeout other than the store's (a load or an export takes longer than a request). */
export interface TxOptions {
  timeoutMs?: number;
}

export interface WriteRowsOptions extends TxOptions {
  /** Rows per UNWIND statement (default 5,000). */
  batchSize?: number;
  /**
   * All batches in one transaction (all or nothing: the documented seed, a restore), or one transaction
   * per batch (the default: bounded memory in Neo4j for millions of rows).
   */
  oneTransaction?: boolean;
  /** Called after each batch with the rows written so far and in all. */
  onBatch?: (done: number, total: number) => void;
}

const DEFAULT_BATCH = 5_000;

/** Loads, exports and backups run for as long as the data takes, within this bound per transaction. */
export const LONG_TX_TIMEOUT_MS = 30 * 60_000;

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
    return this.autoCommitRead<T>(cypher(name), params);
  }

  /**
   * Runs a read the compiled read path (server/compiled/) built: generated text whose every value is a
   * parameter and every label and type comes from the model's whitelists. Same budget and count as read().
   */
  async readCompiled<T = Row>(query: { text: string; params: Row }): Promise<T[]> {
    return this.autoCommitRead<T>(query.text, query.params);
  }

  /**
   * One read statement in an auto-commit transaction: RUN and PULL go in one message exchange, where
   * a managed transaction (executeQuery) also waits for BEGIN's and COMMIT's answers. On a loaded
   * machine each exchange waits for both processes to be scheduled, which was most of a point lookup's
   * latency (city bench store, load ~12 on 2 cores: 12.6 -> 6.9 ms p50 for the same statement through
   * the app's driver, interleaved). The driver's query bookmarks are kept, so a read
   * still sees the writes this driver committed. A failure the driver would retry (a server restarting,
   * a transient error) is retried through executeQuery with its retry policy, as before.
   */
  private async autoCommitRead<T>(text: string, params: Row): Promise<T[]> {
    // Inside a GraphQL request the timeout is what is left of its database time (query-budget.ts).
    return withinBudget(this.timeoutMs, async (timeout) => {
      this.roundTrips += 1;
      const session = this.driver.session({
        database: this.database,
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager: this.driver.executeQueryBookmarkManager,
      });
      try {
        const result = await session.run(text, cypherParams(params), { timeout });
        return result.records.map((r) => r.toObject() as T);
      } catch (error) {
        if (!isRetriableError(error)) throw error;
      } finally {
        await session.close();
      }
      const result = await this.driver.executeQuery(text, cypherParams(params), {
        database: this.database,
        routing: neo4j.routing.READ,
        transactionConfig: { timeout },
      });
      return result.records.map((r) => r.toObject() as T);
    });
  }

  /** A store on the same driver for loads, exports and backups: LONG_TX_TIMEOUT_MS per transaction. */
  static forLoads(driver: Driver, database: string): GraphStore {
    return new GraphStore(driver, database, LONG_TX_TIMEOUT_MS);
  }

  /** Runs a unit of work in one managed write transaction (retried by the driver on transient errors). */
  async write<T>(work: (tx: WriteTx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.managed('WRITE', (tx) => work(new WriteTx(tx, this)), options);
  }

  /**
   * Runs a unit of work in one managed read transaction: every query it runs sees the same snapshot
   * (an import's dry run, a consistent export). Writes inside it are refused by Neo4j.
   */
  async readTx<T>(work: (tx: ReadTx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.managed('READ', (tx) => work(new ReadTx(tx, this)), options);
  }

  /** One managed transaction of either mode (retried by the driver on transient errors). */
  private managed<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, options: TxOptions): Promise<T> {
    const config = { timeout: options.timeoutMs ?? this.timeoutMs };
    return this.inSession(mode, (session) => (mode === 'WRITE' ? session.executeWrite(work, config) : session.executeRead(work, config)));
  }

  /**
   * Opens a session of that access mode for `work` and closes it whatever happens. It shares the
   * driver's query bookmarks with the auto-commit reads, so a read right after a write sees it even on
   * a cluster replica (each commit's bookmark is what the next read waits for).
   */
  private async inSession<T>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session[mode],
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  /**
   * Streams the records of a named read query to `onRow` inside one read transaction, without holding
   * them all in memory (exports, backups). Resolves with the number of rows.
   */
  async stream<T = Row>(name: QueryName, params: Row, onRow: (row: T) => void | Promise<void>, options: TxOptions = {}): Promise<number> {
    return this.readTx((tx) => tx.stream(name, params, onRow), options);
  }

  /**
   * Writes `rows` with a named UNWIND $rows query, `batchSize` rows per statement, and returns what each
   * statement returned, in order (one entry per batch when the query returns one row).
   */
  async writeRows<T = Row>(name: QueryName, rows: readonly unknown[], options: WriteRowsOptions = {}): Promise<T[]> {
    if (options.oneTransaction) return this.write((tx) => tx.writeRows<T>(name, rows, options), options);
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      out.push(...(await this.write((tx) => tx.runByName<T>(name, { rows: batch }), options)));
      options.onBatch?.(Math.min(i + batchSize, rows.length), rows.length);
    }
    return out;
  }

  /**
   * Runs a named write in an auto-commit transaction, as `CALL { … } IN TRANSACTIONS` requires (it
   * commits its own inner transactions). Returns the rows and the update counters.
   */
  async runAutoCommit<T = Row>(
    name: QueryName,
    params: Row = {},
    options: TxOptions = {},
  ): Promise<{ rows: T[]; counters: ReturnType<QueryStatistics['updates']> }> {
    return this.inSession('WRITE', async (session) => {
      this.roundTrips += 1;
      const result = await session.run(cypher(name), cypherParams(params), { timeout: options.timeoutMs ?? this.timeoutMs });
      return { rows: result.records.map((r) => r.toObject() as T), counters: result.summary.counters.updates() };
    });
  }
}

/** A transaction that, like the store, only runs named queries. */
class NamedTx {
  constructor(
    protected readonly tx: ManagedTransaction,
    protected readonly store: GraphStore,
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

  /** Hands each record of a named query to `onRow` as it arrives (backpressure: one record at a time). */
  async stream<T = Row>(name: QueryName, params: Row, onRow: (row: T) => void | Promise<void>): Promise<number> {
    this.store.roundTrips += 1;
    let count = 0;
    for await (const record of this.tx.run(cypher(name), cypherParams(params))) {
      await onRow(record.toObject() as T);
      count += 1;
    }
    return count;
  }
}

/** Either transaction: code that reads the same way in a dry run (ReadTx) and a real one (WriteTx). */
export type GraphTx = ReadTx | WriteTx;

/** A read transaction (GraphStore.readTx): one snapshot for every query it runs. */
export class ReadTx extends NamedTx {}

/** A write transaction (GraphStore.write). */
export class WriteTx extends NamedTx {
  /** GraphStore.writeRows inside this transaction: several batched writes that commit together. */
  async writeRows<T = Row>(
    name: QueryName,
    rows: readonly unknown[],
    options: Omit<WriteRowsOptions, 'oneTransaction'> = {},
  ): Promise<T[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += batchSize) {
      out.push(...(await this.runByName<T>(name, { rows: rows.slice(i, i + batchSize) })));
      options.onBatch?.(Math.min(i + batchSize, rows.length), rows.length);
    }
    return out;
  }
}
