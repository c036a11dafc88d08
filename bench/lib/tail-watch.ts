/**
 * What makes a latency tail, watched in the server's own process while a load runs: how long the server
 * held each request (from Node's 'request' event to the response's 'finish'), how long each of its
 * database reads took, how late the event loop ran its timers (monitorEventLoopDelay: blocking work,
 * garbage collection), and the garbage collector's pauses (PerformanceObserver 'gc'). A client p99 far
 * above the server's says the time is spent outside it (the socket, the load generator, the scheduler of
 * a shared machine); a loop delay close to the server's p99 says something blocked the loop; database
 * reads close to it say the wait is Neo4j's.
 */
import type { Server } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
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
}

/** The store's read methods, timed while the watch runs (each read's wait for Neo4j, in ms). */
interface Reads {
  readByName: (...args: never[]) => Promise<unknown>;
  readCompiled: (...args: never[]) => Promise<unknown>;
}

export function watchTail(server: Server, store: Reads) {
  const times: number[] = [];
  const reads: number[] = [];
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
    response.once('finish', () => times.push(performance.now() - started));
  };
  server.on('request', onRequest);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses: { ms: number; major: boolean }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // kind 4 is NODE_PERFORMANCE_GC_MAJOR (perf_hooks.constants).
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      pauses.push({ ms: entry.duration, major: kind === 4 });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return (): TailFigures => {
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
    };
  };
}
