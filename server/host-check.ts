/**
 * The Host allow-list, against DNS rebinding: a page on attacker.example whose name is made to point
 * at 127.0.0.1 reaches this server as "same origin", but its requests still say `Host: attacker.example`.
 * A request whose Host is not on the list is answered 421 (Misdirected Request) before sign-in.
 *
 * ALLOWED_HOSTS names the hosts; when empty, any Host is served (a deployment behind a reverse proxy
 * that checks it), except in the demo mode, whose anonymous reads are exactly what rebinding would
 * steal: it always answers only 127.0.0.1, localhost and [::1] on its own port.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../graph/config.ts';
import { sendError } from './rest-errors.ts';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The allowed Host values for a port the server listens on; empty: no check. */
export function allowedHosts(config: Config, port: number): Set<string> {
  const hosts = new Set(config.ALLOWED_HOSTS);
  if (config.AUTH_DEMO) for (const name of LOOPBACK_NAMES) hosts.add(`${name}:${port}`);
  return hosts;
}

async function hostCheck(app: FastifyInstance, { config }: { config: Config }) {
  app.addHook('onRequest', async (request, reply) => {
    // The port actually listened on (a test or `PORT=0` may differ from the setting), else the setting.
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const allowed = allowedHosts(config, port);
    if (allowed.size === 0) return;
    const host = (request.headers.host ?? '').toLowerCase();
    if (allowed.has(host)) return;
    return sendError(
      reply,
      'MISDIRECTED_REQUEST',
      `Host "${host.slice(0, 100)}" is not served here (allowed: ${[...allowed].join(', ')}); open the address the server printed`,
    );
  });
}

export default fp(hostCheck, { name: 'host-check', fastify: '5.x' });
