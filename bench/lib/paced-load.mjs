/**
 * An open-loop load at a steady rate, for section 5's "latency at half of max throughput": request i
 * is sent at start + i / rate, evenly spaced, over at most `connections` kept-alive sockets, and its
 * latency counts from that scheduled time (a request that waits for a free socket waits in the count,
 * so a slow server cannot hide its queue).
 *
 * Why not autocannon's --overallRate: it sends each connection's quota for the second back to back at
 * the start of every second (a burst as heavy as the flat-out run, then silence), and its correction for
 * coordinated omission records every response of L ms as L values (1, 2, … L ms: it takes 1/rate seconds
 * for milliseconds), which alone makes p99/p50 about 2 for a server whose every answer takes the same
 * time.
 *
 * Run as a child process: node paced-load.mjs <json options>; prints JSON { requests, rate, p50, p99,
 * mean, sentLate: { p50, p99, max }, errors, non2xx } (ms; sentLate: how late this process itself sent
 * the requests, its timers delayed, which a loaded machine does and the latency includes).
 */
import http from 'node:http';

const { url, body, headers, rate, seconds, connections } = JSON.parse(process.argv[2]);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const payload = Buffer.from(body);
const total = Math.max(1, Math.round(rate * seconds));
const latencies = [];
const lateness = [];
let errors = 0;
let non2xx = 0;

function send(scheduled) {
  return new Promise((done) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': payload.length },
      },
      (response) => {
        response.resume();
        response.once('end', () => {
          if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
          else latencies.push(performance.now() - scheduled);
          done();
        });
      },
    );
    request.once('error', () => {
      errors += 1;
      done();
    });
    request.end(payload);
  });
}

const start = performance.now() + 20;
const pending = [];
for (let i = 0; i < total; i += 1) {
  const scheduled = start + (i * 1000) / rate;
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  // How late this process sent it (its own timers delayed): counted in the latency, reported apart.
  lateness.push(performance.now() - scheduled);
  pending.push(send(scheduled));
}
await Promise.all(pending);
agent.destroy();
latencies.sort((a, b) => a - b);
lateness.sort((a, b) => a - b);
const pick = (values, p) => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? Number.NaN;
const at = (p) => pick(latencies, p);
const round = (n) => Number(n.toFixed(2));
console.log(
  JSON.stringify({
    requests: latencies.length,
    rate: round(latencies.length / ((performance.now() - start) / 1000)),
    p50: round(at(50)),
    p99: round(at(99)),
    mean: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    sentLate: { p50: round(pick(lateness, 50)), p99: round(pick(lateness, 99)), max: round(lateness.at(-1) ?? 0) },
    errors,
    non2xx,
  }),
);
