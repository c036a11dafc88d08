/**
 * Nagle's algorithm off for the sockets the Neo4j driver opens.
 *
 * The driver (neo4j-driver 5) writes a Bolt message in chunks of 1,400 bytes and leaves its sockets
 * with Nagle on. A message longer than one chunk (a compiled read's text: the 5-level nested question
 * is ~1,700 bytes) goes out as two writes; Nagle holds the second until the first is acknowledged, and
 * the server delays that acknowledgement (Linux: up to 40 ms). Measured on the city bench store, the
 * nested question's own Cypher through the driver, interleaved: 68 ms p50 with Nagle, 39 ms without;
 * a 1,311-byte variant of the same query was not delayed, a 1,357-byte one was (the database's own
 * time the same in all). A request/response protocol wants TCP_NODELAY; the driver has no option for
 * it, so its connect calls (`net.connect`, `tls.connect`, read from the module objects at each
 * connection) are wrapped once to set it on every socket they return.
 */
import net from 'node:net';
import tls from 'node:tls';

let enabled = false;

/** Makes every socket opened by net.connect / tls.connect from now on send without Nagle's delay. Idempotent. */
export function enableTcpNoDelay(): void {
  if (enabled) return;
  enabled = true;
  for (const module of [net, tls] as { connect: (...args: unknown[]) => net.Socket }[]) {
    const connect = module.connect;
    module.connect = (...args: unknown[]) => connect.apply(module, args).setNoDelay(true);
  }
}
