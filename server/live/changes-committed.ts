/**
 * Live updates (#19): once a write has committed, the entries of the change log it wrote are
 * announced to the subscribers of `changesCommitted(area)` whose area they lie in. Driven by the change
 * log each write already writes in its transaction (never by CDC, which Neo4j Community lacks): the
 * entries are noted as the transaction writes them and announced only after its commit, so a rolled
 * back or retried attempt announces nothing.
 *
 * Which entries lie in an area is the change log's own rule (Query.changes(areaId:), one query:
 * change/list-changes), asked once per announcement and area however many planners watch it. Who made
 * a change is hidden from roles without readHistory by the same field policy as every Change
 * (auth/policy.ts redactActors), because the subscription's context carries the principal.
 */
import type { FastifyInstance } from 'fastify';
import type { IResolvers, MercuriusContext } from 'mercurius';
import type { ChangeRecord } from '../../graph/change-log.ts';
import { COMMITTED, committedWrites } from '../../graph/committed-writes.ts';
import { ApiError, ERROR_CODES } from '../../graph/errors.ts';
import { principalOfToken } from '../auth/plugin.ts';
import { can, type Principal } from '../auth/principal.ts';
import { areaScope } from '../services/audit.ts';
import { changeObject, listChanges } from '../services/changes.ts';

/** One committed write: the entries it wrote, in the order written. */
interface CommittedWrite {
  at: string;
  changes: ChangeRecord[];
  /** The ids of the entries in each area asked about so far (shared by the area's subscribers). */
  inArea: Map<string, Promise<Set<string>>>;
}

/** The ids among a write's entries that lie in an area: the change log's area rule, asked once. */
function idsInArea(app: FastifyInstance, write: CommittedWrite, area: string): Promise<Set<string>> {
  let ids = write.inArea.get(area);
  if (!ids) {
    ids = (async () => {
      const { scope } = await areaScope(app.store, area, 'area');
      const times = write.changes.map((c) => c.at).sort();
      // The window of the write's own instants (until is exclusive), then only the write's own ids.
      const until = new Date(Date.parse(times.at(-1)!) + 1).toISOString();
      const page = await listChanges(
        app.store,
        { accounts: false, scope, entityId: null, action: null, actor: null, since: times[0]!, until },
        { offset: 0, limit: 10_000 },
      );
      const mine = new Set(write.changes.map((c) => c.id));
      return new Set(page.nodes.map((n) => n.id).filter((id) => mine.has(id)));
    })();
    write.inArea.set(area, ids);
  }
  return ids;
}

interface LiveContext extends MercuriusContext {
  principal: Principal | null;
}

export const liveResolvers: IResolvers = {
  Subscription: {
    changesCommitted: {
      subscribe: async (_root: unknown, args: { area?: string | null }, context: LiveContext) => {
        if (!can(context.principal, 'read')) throw new ApiError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED);
        // Listening first: a write committed while the area is looked up is not missed.
        const queue = await context.pubsub.subscribe<CommittedWrite>(COMMITTED);
        // An unknown area is refused now (NOT_FOUND with the closest names), not on the first change.
        if (args.area != null) await areaScope(context.app.store, args.area, 'area');
        const area = args.area ?? null;
        const app = context.app;
        return (async function* () {
          for await (const write of queue as AsyncIterable<CommittedWrite>) {
            const ids = area == null ? null : await idsInArea(app, write, area);
            const changes = ids == null ? write.changes : write.changes.filter((c) => ids.has(c.id));
            if (changes.length > 0) yield { at: write.at, changes };
          }
        })();
      },
      resolve: (payload: { at: string; changes: ChangeRecord[] }) => ({
        at: payload.at,
        changes: payload.changes.map((c) => changeObject(c as unknown as Record<string, unknown>)),
      }),
    },
  },
};

/** The part of the connection's context a subscription needs (as every HTTP request's context has). */
const contextOf = (principal: Principal | null) => ({ principal, actor: principal?.name ?? 'anonymous' });

/**
 * Mercurius's subscription options: a socket signs in like every request. The upgrade request passes
 * the same gate (auth/plugin.ts: a session cookie, or the demo mode); a bearer token may instead come
 * in connection_init's payload (`{ authorization: 'Bearer …' }`, as browsers cannot set headers on a
 * WebSocket) and is verified by the same code as a header's. A socket with neither is refused at
 * connection_init (connection_error "Forbidden", then closed).
 */
export function subscriptionOptions(app: FastifyInstance, perRequest: () => object) {
  closeSocketsThatNeverSignIn(app);
  return {
    // The upgrade's address too: a token in connection_init counts against it like any sign-in.
    context: (_socket: unknown, request: { principal: Principal | null; ip: string }) => ({
      ...contextOf(request.principal),
      address: request.ip,
      ...perRequest(),
    }),
    // Mercurius calls onConnect as a method of the connection, whose context holds what `context` gave.
    onConnect: async function (
      this: { context?: { principal?: Principal | null; address?: string; request?: { raw?: object } } },
      data: { payload?: unknown },
    ) {
      if (this?.context?.request?.raw) clearTimeout(initTimers.get(this.context.request.raw));
      const header = (data.payload as { authorization?: unknown } | null | undefined)?.authorization;
      if (typeof header === 'string') {
        const match = /^Bearer +(\S+)$/.exec(header);
        if (!match) return false;
        try {
          return contextOf(await principalOfToken(app, match[1]!, this?.context?.address ?? 'unknown'));
        } catch (error) {
          app.log.info({ reason: (error as Error).message }, 'subscription sign-in refused');
          return false;
        }
      }
      const principal = this?.context?.principal ?? null;
      return can(principal, 'read') ? contextOf(principal) : false;
    },
  };
}

/** How long a socket may stay open without connection_init (graphql-ws waits 3 s by default). */
const INIT_TIMEOUT_MS = 10_000;
/** Each open socket's initialisation timer, by its upgrade request. */
const initTimers = new WeakMap<object, NodeJS.Timeout>();

/**
 * A socket may be opened unsigned (its token travels in connection_init), so one that has not sent
 * connection_init in time is closed: Mercurius has no such timeout, and an upgraded socket is under no
 * HTTP timeout, so it would be held open for anyone without signing in. Timed from the upgrade request
 * (the WebSocket server is Mercurius's own, out of reach here); onConnect stops the timer.
 */
function closeSocketsThatNeverSignIn(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
    const socket = request.raw.socket;
    const timer = setTimeout(() => socket.destroy(), INIT_TIMEOUT_MS);
    initTimers.set(request.raw, timer);
    socket.once('close', () => clearTimeout(timer));
  });
}

/** Passes the process's committed writes to this app's subscribers while the app is open. */
export function relayCommitted(app: FastifyInstance): void {
  const relay = (changes: ChangeRecord[]) => {
    const write: CommittedWrite = { at: changes[0]!.at, changes, inArea: new Map() };
    void app.graphql.pubsub.publish({ topic: COMMITTED, payload: write });
  };
  committedWrites.on(COMMITTED, relay);
  app.addHook('onClose', async () => {
    committedWrites.off(COMMITTED, relay);
  });
}
