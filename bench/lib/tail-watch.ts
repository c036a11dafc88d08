/**
 * What makes a latency tail, watched in the server's own process while a load runs: how long the server
 * held each request (from Node's 'request' event to the response's 'finish'), how long each of its
 * database reads took, how late the event loop ran its timers (monitorEventLoopDelay: blocking work,
 * garbage collection), and the garbage collector's pauses (PerformanceObserver 'gc'). A client p99 far
 * above the server's says the time is spent outside it (the socket, the load generator, the scheduler of
 * a shared machine); a loop delay close to the server's p99 says something blocked the loop; database
 * reads close to it say the wait is Neo4j's, or between the two processes: Neo4j's own time for each
 * statement (the driver's resultAvailableAfter + resultConsumedAfter, measured inside Neo4j from the
 * moment its worker picks the statement up) and the JVM's stop-the-world pauses in the window (its
 * safepoint log, lib/stores.ts: garbage collection and the JIT's own stops) tell which.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'neo4j-driver';
import { percentile } from './stats.ts';

export interface TailFigures {
  requests: number;
  /** Server-side time per request, ms. */
  server: { p50: number; p99: number; max: number };
  /** Each database read's time (the store's readByName and readCompiled), ms. */
  database: { reads: number; p50: number; p99: number };
  /** Event-loop delay, ms (timer lateness at 10 ms resolution... see monitorEventLoopDelay). */
  loopDelay: { p50: number; p99: number; max: number };
  /** Garbage-collection pauses in the window. */
  gc: { count: number; totalMs: number; maxMs: number; majorCount: number };
  /** Neo4j's own time for each statement run through a session (whole ms, as Bolt reports it). */
  neo4j: { statements: number; p50: number; p99: number; max: number };
  /** The JVM's stop-the-world pauses in the window (null without a safepoint log); `longest` names its cause. */
  jvm: { count: number; totalMs: number; maxMs: number; longest: string } | null;
  /**
   * The slowest 1% of requests (server time ≥ its p99) and what each overlapped while the server held it:
   * a Node GC pause, a JVM pause (both are counted when both), or neither (then the time went to waiting
   * for a CPU, the socket, or work that is not a pause).
   */
  slowest: { count: number; nodeGc: number; jvm: number; neither: number };
}

/** One line of `-Xlog:safepoint:file=…:time,…` (JDK 17): when it ended, what stopped the JVM, for how long. */
const SAFEPOINT = /^\[([^\]]+)\].*Safepoint "([^"]+)".*Total: (\d+) ns/;

/** The JVM's safepoints that ended between `from` and `to` (epoch ms), read from its log. */
export function jvmPauses(logFile: string, from: number, to: number): { at: number; ms: number; cause: string }[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  const pauses: { at: number; ms: number; cause: string }[] = [];
  for (const line of text.split('\n')) {
    const match = SAFEPOINT.exec(line);
    if (!match) continue;
    // The time decorator's offset is +0000 style; Date.parse wants +00:00.
    const at = Date.parse(match[1]!.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    if (at >= from && at <= to) pauses.push({ at, ms: Number(match[3]) / 1e6, cause: match[2]! });
  }
  return pauses;
}

/** The store's read methods, timed while the watch runs (each read's wait for Neo4j, in ms). */
interface Reads {
  readByName: (...args: never[]) => Promise<unknown>;
  readCompiled: (...args: never[]) => Promise<unknown>;
}

/**
 * Starts watching; the returned function stops and gives the figures. `jvmLog`: the store's JVM
 * safepoint log (BenchStore.jvmLog), read for the window's pauses when the watch stops.
 */
export function watchTail(server: Server, store: Reads, jvmLog?: string) {
  const from = Date.now();
  const times: number[] = [];
  // Each request's [start, end] on the performance clock, for lining the slowest up with pauses.
  const held: [number, number][] = [];
  const reads: number[] = [];
  const inNeo4j: number[] = [];
  // Every statement's summary carries Neo4j's own timing; the session's run() is wrapped for the window.
  const run = Session.prototype.run;
  Session.prototype.run = function (this: Session, ...args: Parameters<Session['run']>) {
    const result = run.apply(this, args);
    result.summary().then(
      (summary) => inNeo4j.push(Number(summary.resultAvailableAfter) + Number(summary.resultConsumedAfter)),
      () => {},
    );
    return result;
  } as Session['run'];
  const timed = <K extends keyof Reads>(name: K) => {
    const original = store[name];
    (store as Record<K, unknown>)[name] = async (...args: never[]) => {
      const started = performance.now();
      try {
        return await original.apply(store, args);
      } finally {
        reads.push(performance.now() - started);
      }
    };
  };
  const own = (['readByName', 'readCompiled'] as const).map((name) => [name, Object.getOwnPropertyDescriptor(store, name)] as const);
  timed('readByName');
  timed('readCompiled');
  const onRequest = (_request: unknown, response: { once(event: 'finish', listener: () => void): void }) => {
    const started = performance.now();
    response.once('finish', () => {
      const ended = performance.now();
      times.push(ended - started);
      held.push([started, ended]);
    });
  };
  server.on('request', onRequest);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses: { start: number; ms: number; major: boolean }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // kind 4 is NODE_PERFORMANCE_GC_MAJOR (perf_hooks.constants).
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      pauses.push({ start: entry.startTime, ms: entry.duration, major: kind === 4 });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return (): TailFigures => {
    Session.prototype.run = run;
    server.off('request', onRequest);
    // Deleting the own properties restores the prototype's methods (or the wrapper that was there).
    for (const [name, descriptor] of own) {
      delete (store as unknown as Record<string, unknown>)[name];
      if (descriptor) Object.defineProperty(store, name, descriptor);
    }
    loop.disable();
    gc.disconnect();
    const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
    const round = (n: number) => Number(n.toFixed(2));
    const stops = jvmLog ? jvmPauses(jvmLog, from, Date.now()) : null;
    const longest = stops?.reduce((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0, cause: 'none' });
    const p99 = percentile(times, 99);
    const slow = held.filter(([start, end]) => end - start >= p99);
    const overlaps = (spans: [number, number][]) => (r: [number, number]) => spans.some(([start, end]) => start < r[1] && end > r[0]);
    const inNodeGc = overlaps(pauses.map((p) => [p.start, p.start + p.ms]));
    // The safepoint log gives each pause's end in wall-clock ms: moved onto the performance clock.
    const inJvm = overlaps((stops ?? []).map((p) => [p.at - performance.timeOrigin - p.ms, p.at - performance.timeOrigin]));
    return {
      requests: times.length,
      server: { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(Math.max(0, ...times)) },
      database: { reads: reads.length, p50: round(percentile(reads, 50)), p99: round(percentile(reads, 99)) },
      loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      gc: {
        count: pauses.length,
        totalMs: round(pauses.reduce((sum, p) => sum + p.ms, 0)),
        maxMs: round(Math.max(0, ...pauses.map((p) => p.ms))),
        majorCount: pauses.filter((p) => p.major).length,
      },
      neo4j: {
        statements: inNeo4j.length,
        p50: percentile(inNeo4j, 50),
        p99: percentile(inNeo4j, 99),
        max: Math.max(0, ...inNeo4j),
      },
      jvm:
        stops && longest
          ? {
              count: stops.length,
              totalMs: round(stops.reduce((sum, p) => sum + p.ms, 0)),
              maxMs: round(longest.ms),
              longest: longest.cause,
            }
          : null,
      slowest: {
        count: slow.length,
        nodeGc: slow.filter(inNodeGc).length,
        jvm: slow.filter(inJvm).length,
        neither: slow.filter((r) => !inNodeGc(r) && !inJvm(r)).length,
      },
    };
  };
}
