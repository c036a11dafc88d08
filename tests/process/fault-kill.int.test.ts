/**
 * Fault (the security issue, #8): four writers run mutations through the API while the test's own
 * embedded Neo4j is killed with SIGKILL mid-write and restarted on the same store, twice. Each writer
 * keeps what was acknowledged (data, no errors) and retries what failed with the SAME clientMutationId.
 * Afterwards the graph is read directly: no acknowledged write is lost, and no clientMutationId produced
 * more than one entity, pairing or change-log entry. The API's recovery is timed from "Neo4j ready" to
 * the first acknowledged write. Prints the figures as `[fault] …` lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { freePort } from '../../db/free-port.ts';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../helpers/app.ts';
import { loadFixture } from '../helpers/fixture.ts';
import { MUTATIONS, type MutationName, type Outcome, seededRandom, send, sleep } from '../helpers/writers.ts';

const P = 'tfk';
const id = (name: string) => `${P}-${name}`;
const WRITERS = 4;
const KILLS = 1;
/** Acknowledged writes to wait for before each kill, and after each recovery before the next step. */
const WRITES_BETWEEN_KILLS = 20;
/**
 * Share of first acknowledgements a writer throws away, as a client whose answer timed out would, and
 * retries: a SIGKILL rarely lands between a commit and its answer, so these make sure retries of
 * committed writes happen in every run (seeded per writer).
 */
const DROP_FIRST_ACK = 1 / 6;
const DOWN_MS = 1_000;
/** How long a writer keeps retrying one mutation before giving up on it (a sanity bound, not a target). */
const RETRY_FOR_MS = 60_000;
const RECOVERY_CEILING_S = 30;
/** Refusals a retry may meet while Neo4j is down or restarting; anything else is an answer. */
const TRANSIENT = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TRANSPORT', 'HTTP_429', 'HTTP_500', 'HTTP_502', 'HTTP_503']);

const home = mkdtempSync(join(tmpdir(), 'partygraph-fault-'));
const password = 'fault-password-1';
let db: EmbeddedNeo4j | undefined;
let driver: Driver | undefined;
let app: FastifyInstance | undefined;

afterAll(async () => {
  await app?.close();
  await driver?.close();
  await db?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** One mutation a writer means to have applied exactly once, with everything that happened to it. */
interface Op {
  writer: number;
  tag: string;
  mutation: MutationName;
  cmid: string;
  vars: Record<string, unknown>;
  requests: number;
  codes: string[];
  /** The acknowledged answer's data (of the first acknowledgement), when there was one. */
  data?: any;
  ackedAt?: number;
  /** A non-transient refusal: the retry was answered, but not with the first result. */
  refused?: string;
  /** The data of an acknowledgement the writer threw away (a simulated client time-out) before retrying. */
  dropped?: any;
}

const ops: Op[] = [];
const acknowledgedAt: number[] = [];
let inFlight = 0;
/** Writers still writing: one that met a refusal stops early, and the waits below must not outlast them all. */
let running = 0;

/** Sends `mutation` until it is acknowledged, retrying with the same clientMutationId. */
async function apply(writer: Writer, tag: string, mutation: MutationName, vars: Record<string, unknown>): Promise<Op> {
  const op: Op = { writer: writer.index, tag, mutation, cmid: `${tag}-${mutation}`, vars, requests: 0, codes: [] };
  ops.push(op);
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  while (Date.now() < giveUpAt) {
    op.requests += 1;
    inFlight += 1;
    const outcome: Outcome = await send(app!, MUTATIONS[mutation], { ...vars, cmid: op.cmid });
    inFlight -= 1;
    if (outcome.ok && op.requests === 1 && writer.random() < DROP_FIRST_ACK) {
      op.dropped = outcome.data[mutation];
      op.codes.push('ACK_DROPPED_BY_CLIENT');
      continue;
    }
    if (outcome.ok) {
      op.data = outcome.data[mutation];
      op.ackedAt = performance.now();
      acknowledgedAt.push(op.ackedAt);
      return op;
    }
    op.codes.push(outcome.code);
    if (!TRANSIENT.has(outcome.code)) {
      op.refused = `${outcome.code}: ${outcome.message}`;
      return op;
    }
    await sleep(200 + Math.random() * 300);
  }
  return op;
}

/**
 * One writer: rounds of all eight mutations on things of its own (a village, its branch, their
 * pairings), each waiting for the one before, until told to stop; stops early if a mutation is refused.
 */
interface Writer {
  index: number;
  random: () => number;
}

async function writer(w: number, stop: { now: boolean }) {
  const me: Writer = { index: w, random: seededRandom(w + 1) };
  for (let r = 0; !stop.now; r += 1) {
    const tag = `${P}-w${w}r${r}`;
    const village = await apply(me, tag, 'createPlace', {
      input: { name: `${tag}村`, kind: 'Village', parentId: id(r % 2 === 0 ? 'sub1' : 'sub2') },
    });
    if (!village.data) return;
    const v = village.data.id as string;
    const branch = await apply(me, tag, 'createOrganization', {
      input: { name: `${tag}党支部`, kind: 'Branch', parentId: id('jc'), governsPlaceId: v },
    });
    if (!branch.data) return;
    const o = branch.data.id as string;
    const pairing = await apply(me, tag, 'startPairing', {
      input: { kind: 'EnterpriseVillage', partnerId: id('e1'), targetId: v, validFrom: '2024-01-01', reason: `${tag} start` },
    });
    if (!pairing.data) return;
    const steps: [MutationName, Record<string, unknown>][] = [
      ['updateOrganization', { id: o, input: { nameEn: `Branch ${tag}` } }],
      ['moveOrganization', { id: o, newParentId: id('sw1'), reason: `${tag} move` }],
      ['updatePlace', { id: v, input: { nameEn: `Village ${tag}` } }],
    ];
    for (const [mutation, vars] of steps) if (!(await apply(me, tag, mutation, vars)).data) return;
    const rematch = await apply(me, tag, 'rematchPairing', {
      id: pairing.data.id,
      newPartnerId: id('e2'),
      date: '2025-01-01',
      reason: `${tag} rematch`,
    });
    if (!rematch.data) return;
    if (!(await apply(me, tag, 'endPairing', { id: rematch.data.id, validTo: '2025-12-31', reason: `${tag} end` })).data) return;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (!condition() && running > 0) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** What the restarted store holds, read once with Cypher, for the checks per mutation. */
async function graphState() {
  const run = async <T>(query: string) =>
    (await driver!.executeQuery(query, { prefix: `${P}-w` }, { database: 'neo4j' })).records.map((r) => r.toObject() as T);
  const places = await run<{ id: string; name: string; nameEn: string | null; parents: string[] }>(
    `MATCH (v:Place) WHERE v.name STARTS WITH $prefix RETURN v.id AS id, v.name AS name, v.nameEn AS nameEn, [(v)-[:PART_OF]->(p) | p.id] AS parents`,
  );
  const orgs = await run<{ id: string; name: string; nameEn: string | null; parents: string[]; governs: string[] }>(
    `MATCH (o:Organization) WHERE o.name STARTS WITH $prefix
     RETURN o.id AS id, o.name AS name, o.nameEn AS nameEn, [(o)-[:REPORTS_TO]->(p) | p.id] AS parents, [(o)-[:GOVERNS]->(p) | p.id] AS governs`,
  );
  const pairings = await run<{
    id: string;
    partner: string;
    target: string;
    status: string;
    validTo: string | null;
    replaces: string | null;
  }>(
    `MATCH (x)-[r:PAIRED_WITH]->(v:Place) WHERE v.name STARTS WITH $prefix
     RETURN r.id AS id, x.id AS partner, v.id AS target, r.status AS status, r.validTo AS validTo, r.replaces AS replaces`,
  );
  const changes = await run<{ action: string; entityId: string }>('MATCH (c:Change) RETURN c.action AS action, c.entityId AS entityId');
  return { places, orgs, pairings, changes };
}

type State = Awaited<ReturnType<typeof graphState>>;

/**
 * For one mutation: whether its effect is in the graph, how many entities or pairings it produced
 * (`copies`), and how many times over its change-log entries are there (`logged`: 1 is one entry per
 * thing it changed, two for a re-match). Lost: acknowledged but absent or unlogged; duplicated: more
 * than one of either.
 */
function check(op: Op, state: State): { present: boolean; copies: number; logged: number } {
  const entries = (action: string, entityId: string | undefined) =>
    state.changes.filter((c) => c.action === action && c.entityId === entityId).length;
  const vars = op.vars as any;
  const once = (present: boolean, logged: number) => ({ present, copies: logged, logged });
  switch (op.mutation) {
    case 'createPlace': {
      const named = state.places.filter((p) => p.name === vars.input.name);
      const present = named.some((p) => p.id === op.data?.id && p.parents.join() === vars.input.parentId);
      return { present, copies: named.length, logged: named.reduce((n, p) => n + entries('createPlace', p.id), 0) };
    }
    case 'createOrganization': {
      const named = state.orgs.filter((o) => o.name === vars.input.name);
      const present = named.some((o) => o.id === op.data?.id && o.governs.join() === vars.input.governsPlaceId);
      return { present, copies: named.length, logged: named.reduce((n, o) => n + entries('createOrganization', o.id), 0) };
    }
    case 'startPairing': {
      const started = state.pairings.filter((p) => p.partner === vars.input.partnerId && p.target === vars.input.targetId);
      const present = started.some((p) => p.id === op.data?.id);
      return { present, copies: started.length, logged: started.reduce((n, p) => n + entries('startPairing', p.id), 0) };
    }
    case 'updateOrganization':
      return once(state.orgs.find((o) => o.id === vars.id)?.nameEn === vars.input.nameEn, entries('updateOrganization', vars.id));
    case 'moveOrganization':
      return once(state.orgs.find((o) => o.id === vars.id)?.parents.join() === vars.newParentId, entries('moveOrganization', vars.id));
    case 'updatePlace':
      return once(state.places.find((p) => p.id === vars.id)?.nameEn === vars.input.nameEn, entries('updatePlace', vars.id));
    case 'rematchPairing': {
      const old = state.pairings.find((p) => p.id === vars.id);
      const replacements = state.pairings.filter((p) => p.replaces === vars.id);
      const present =
        old?.status === 'ended' &&
        old.validTo === '2024-12-31' &&
        replacements.some((p) => p.id === op.data?.id && p.partner === vars.newPartnerId);
      // Two entries (the old pairing's and the new one's) are one re-match.
      const logged = (entries('rematchPairing', vars.id) + replacements.reduce((n, p) => n + entries('rematchPairing', p.id), 0)) / 2;
      return { present, copies: replacements.length, logged };
    }
    case 'endPairing': {
      const pairing = state.pairings.find((p) => p.id === vars.id);
      return once(pairing?.status === 'ended' && pairing.validTo === vars.validTo, entries('endPairing', vars.id));
    }
  }
}

/**
 * What Neo4j's debug log says each start of the user database recovered: the transactions replayed from
 * its log and those rolled back. One entry per start that found the store not shut down cleanly.
 */
function recoveries(): string[] {
  const log = join(home, 'logs', 'debug.log');
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((l) => {
      const done =
        /\[neo4j\/\w+\] Recovery in '\w+' mode completed.*?(\d+) transactions applied, (\d+) not completed transactions rolled back/.exec(
          l,
        );
      return done ? [`${done[1]} replayed, ${done[2]} rolled back`] : [];
    });
}

describe('SIGKILL of Neo4j under concurrent writers', () => {
  it('loses no acknowledged write, duplicates none, and the API recovers by itself', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const start = () => startEmbeddedNeo4j({ port, homeDir: home, password, heap: '512m', pageCache: '64m' });
    const began = performance.now();
    const phase = (what: string) => console.log(`[fault] ${((performance.now() - began) / 1000).toFixed(1)} s: ${what}`);
    db = await start();
    phase('Neo4j started');
    const target = { uri: db.uri, user: 'neo4j', password, database: 'neo4j' };
    driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
    app = await buildApp({ config: testConfig(), neo4j: target });
    await loadFixture(driver, 'neo4j', P);

    const stop = { now: false };
    running = WRITERS;
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w, stop).finally(() => (running -= 1)));
    const recoverySeconds: number[] = [];
    const inFlightAtKill: number[] = [];
    try {
      for (let k = 0; k < KILLS; k += 1) {
        const before = acknowledgedAt.length;
        await waitFor(() => acknowledgedAt.length >= before + WRITES_BETWEEN_KILLS, 60_000, `${WRITES_BETWEEN_KILLS} acknowledged writes`);

        // A real SIGKILL of the JVM (db.kill() sends it to the java child), with writes in flight.
        const pid = db.pid;
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('partygraph.db.EmbeddedNeo4j');
        inFlightAtKill.push(inFlight);
        await db.kill();
        phase(`SIGKILL ${k + 1} sent to java ${pid}, ${inFlight} writes in flight`);
        expect(existsSync(`/proc/${pid}`), `java ${pid} still there after SIGKILL`).toBe(false);
        const recoveredBefore = recoveries().length;
        await sleep(DOWN_MS);

        db = await start();
        const ready = performance.now();
        phase('Neo4j restarted on the same store');
        expect(recoveries().length, 'the restart recovered the killed store from its transaction log').toBe(recoveredBefore + 1);
        await waitFor(
          () => acknowledgedAt.some((t) => t > ready),
          RECOVERY_CEILING_S * 1000,
          'the first acknowledged write after the restart',
        );
        const firstAfter = acknowledgedAt.filter((t) => t > ready);
        if (firstAfter.length > 0) recoverySeconds.push((Math.min(...firstAfter) - ready) / 1000);
      }
      const before = acknowledgedAt.length;
      await waitFor(() => acknowledgedAt.length >= before + WRITES_BETWEEN_KILLS, 60_000, 'writes after the last restart');
    } finally {
      stop.now = true;
      await Promise.all(writers);
      phase('writers finished');
    }

    const state = await graphState();
    const checked = ops.map((op) => ({ op, ...check(op, state) }));
    const acknowledged = checked.filter((c) => c.op.data);
    const lost = acknowledged.filter((c) => !c.present || c.copies < 1 || c.logged < 1);
    const duplicated = checked.filter((c) => c.copies > 1 || c.logged > 1);
    const retried = ops.filter((op) => op.requests > 1);
    const refused = ops.filter((op) => op.refused);
    const unacknowledged = ops.filter((op) => !op.data);
    const dropped = ops.filter((op) => op.dropped);
    // A retry of a committed write must answer with the first result: the same entity or pairing.
    const otherAnswer = dropped.filter((op) => op.data && op.data.id !== op.dropped.id);
    const codes: Record<string, number> = {};
    for (const op of ops) for (const code of op.codes) codes[code] = (codes[code] ?? 0) + 1;

    console.log(
      `[fault] ${WRITERS} writers, ${KILLS} SIGKILLs of Neo4j (writes in flight at each kill: ${inFlightAtKill.join(', ')}), ` +
        `store recovered at each restart: ${recoveries().join('; ')} (transactions)`,
    );
    console.log(
      `[fault] writes attempted ${ops.length} (requests ${ops.reduce((n, op) => n + op.requests, 0)}), acknowledged ${acknowledged.length}, ` +
        `retried ${retried.length} (failed requests by code ${JSON.stringify(codes)}), refused on retry ${refused.length}, never acknowledged ${unacknowledged.length}`,
    );
    console.log(
      `[fault] acknowledgements thrown away by the client and retried (simulated time-outs) ${dropped.length}, ` +
        `retries answered with another result than the first ${otherAnswer.length}`,
    );
    console.log(`[fault] lost ${lost.length}, duplicates ${duplicated.length}`);
    console.log(`[fault] recovery (Neo4j ready → first acknowledged write): ${recoverySeconds.map((s) => `${s.toFixed(2)} s`).join(', ')}`);
    for (const c of [...lost, ...duplicated].slice(0, 10)) {
      console.log(
        `[fault] defect: ${lost.includes(c) ? 'LOST ' : ''}${duplicated.includes(c) ? 'DUPLICATED ' : ''}${c.op.mutation} (${c.copies} made, logged ×${c.logged}) ${c.op.cmid} codes ${c.op.codes.join(',')}`,
      );
    }
    for (const op of refused.slice(0, 10))
      console.log(`[fault] refused on retry: ${op.mutation} ${op.cmid} after ${op.codes.join(',')}: ${op.refused}`);

    expect(lost.map((c) => `${c.op.cmid}: present ${c.present}, ${c.copies} made, logged ×${c.logged}`)).toEqual([]);
    expect(duplicated.map((c) => `${c.op.cmid}: ${c.copies} made, logged ×${c.logged}`)).toEqual([]);
    expect(refused.map((op) => `${op.cmid}: ${op.refused}`)).toEqual([]);
    expect(unacknowledged.map((op) => op.cmid)).toEqual([]);
    expect(otherAnswer.map((op) => `${op.cmid}: ${op.dropped.id} then ${op.data.id}`)).toEqual([]);
    expect(dropped.length).toBeGreaterThan(0);
    // While Neo4j is down or restarting, the API's answer is SERVICE_UNAVAILABLE (README, Errors).
    const { ACK_DROPPED_BY_CLIENT: _, SERVICE_UNAVAILABLE: __, ...otherFailures } = codes;
    expect(otherFailures, 'failed requests answered with another code than SERVICE_UNAVAILABLE').toEqual({});
    expect(recoverySeconds).toHaveLength(KILLS);
    for (const seconds of recoverySeconds) expect(seconds).toBeLessThan(RECOVERY_CEILING_S);
  });
});
