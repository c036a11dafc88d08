import net, { type AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableTcpNoDelay } from '../../graph/tcp-no-delay.ts';

/** Whether Nagle's algorithm is off on a socket (Node keeps what setNoDelay last set). */
const noDelay = (socket: net.Socket) => {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  if (!key) throw new Error('this Node keeps no kSetNoDelay on its sockets: the test must read it another way');
  return (socket as unknown as Record<symbol, boolean>)[key];
};

describe('the Neo4j driver sends without Nagle (graph/tcp-no-delay.ts)', () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    // A listener that hangs up at once: the driver has opened its socket and fails fast.
    server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    enableTcpNoDelay();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sets TCP_NODELAY on every socket net.connect opens, once however often it is enabled', async () => {
    enableTcpNoDelay();
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    expect(noDelay(socket)).toBe(true);
    socket.destroy();
  });

  it("the driver's own socket is opened through it", async () => {
    const opened: net.Socket[] = [];
    const connect = net.connect;
    net.connect = ((...args: Parameters<typeof net.connect>) => {
      const socket = connect(...args);
      opened.push(socket);
      return socket;
    }) as typeof net.connect;
    const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', 'x'), { connectionTimeout: 300 });
    try {
      await driver.verifyConnectivity().catch(() => undefined);
    } finally {
      net.connect = connect;
      await driver.close();
    }
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every(noDelay)).toBe(true);
  });
});
