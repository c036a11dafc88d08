/**
 * Live updates (#19) over a real WebSocket (Node's own client, graphql-transport-ws protocol) on the
 * fixture graph (prefix tlu): a committed mutation is announced to the subscribers of its area and not
 * to another area's; the actor is hidden from a viewer; an unsigned socket and a bad token are refused
 * at connection_init; a mutation that fails announces nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, authHeaders, tokenFor } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tlu';
// A busy machine (load 30 on 2 cores at times) must not time the writes out.
const fixture = withFixtureApp(P, { QUERY_TIMEOUT_MS: '60000' });
const { id, driver, database } = fixture;
let url = '';

interface Message {
  type: string;
  id?: string;
  payload?: unknown;
}

/** A graphql-transport-ws client: the messages it received, in order, and a way to wait for one. */
class Socket {
  readonly messages: Message[] = [];
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];
  private readonly ws: WebSocket;

  constructor(connectionPayload: Record<string, unknown> | null) {
    this.ws = new WebSocket(url, 'graphql-transport-ws');
    this.closed = new Promise((resolve) => this.ws.addEventListener('close', (event) => resolve(event.code)));
    this.ws.addEventListener('open', () =>
      this.send({ type: 'connection_init', ...(connectionPayload ? { payload: connectionPayload } : {}) }),
    );
    this.ws.addEventListener('message', (event) => {
      this.messages.push(JSON.parse(String(event.data)) as Message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.ws.addEventListener('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(message: Message) {
    this.ws.send(JSON.stringify(message));
  }

  /** The first message (from `from` on) that matches, waiting up to 20 s on this busy machine. */
  async next(match: (m: Message) => boolean, from = 0, timeoutMs = 20_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed before a match; got ${JSON.stringify(this.messages)}`);
      if (Date.now() > deadline) throw new Error(`no match in ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async subscribe(subscriptionId: string, area: string | null) {
    await this.next((m) => m.type === 'connection_ack');
    this.send({
      id: subscriptionId,
      type: 'subscribe',
      payload: {
        query: 'subscription($area: ID) { changesCommitted(area: $area) { at changes { id action entityId entityKind actor after } } }',
        variables: { area },
      },
    });
  }

  /**
   * graphql-transport-ws does not confirm a subscription: writes `probe` (a place in the area) until an
   * announcement of it arrives, so the subscription is live. Returns the index of the next message.
   */
  async live(subscriptionId: string, probe: string): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      const result = await mutate(`mutation { updatePlace(id: "${probe}", input: { nameEn: "probe ${attempt}" }) { id } }`);
      expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
      try {
        const heard = await this.next(
          (m) => m.type === 'next' && m.id === subscriptionId && announced(m).changes[0]?.entityId === probe,
          0,
          3_000,
        );
        return this.messages.indexOf(heard) + 1;
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
  }

  close() {
    this.ws.close();
  }
}

const bearer = (as: As) => ({ authorization: `Bearer ${tokenFor(as)}` });

interface Announced {
  changesCommitted: {
    at: string;
    changes: { id: string; action: string; entityId: string; entityKind: string; actor: string | null; after: string }[];
  };
}

const announced = (m: Message) => (m.payload as { data: Announced }).data.changesCommitted;
const isAbout = (m: Message, entityId: string) => announced(m).changes.some((c) => c.entityId === entityId);

async function mutate(query: string, as: As = { role: 'admin', name: `${P}-clerk`, subject: `${P}-clerk` }) {
  const response = await fixture.app.inject({ method: 'POST', url: '/graphql', headers: authHeaders(as), payload: { query } });
  return response.json() as { data?: unknown; errors?: { message: string }[] };
}

beforeAll(async () => {
  const address = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  url = `${address.replace('http', 'ws')}/graphql`;
});

afterAll(async () => {
  await driver.executeQuery('MATCH (c:Change) WHERE c.actor = $actor DETACH DELETE c', { actor: `${P}-clerk` }, { database });
});

describe('changesCommitted', () => {
  it('announces a committed mutation to its area, with the actor for an auditor and none for a viewer', async () => {
    const auditor = new Socket(bearer({ role: 'auditor' }));
    const viewer = new Socket(bearer({ role: 'viewer' }));
    const elsewhere = new Socket(bearer({ role: 'auditor' }));
    try {
      await Promise.all([auditor.subscribe('a', id('sub1')), viewer.subscribe('v', id('sub1')), elsewhere.subscribe('e', id('sub2'))]);
      const [fromA, fromV] = [await auditor.live('a', id('v3')), await viewer.live('v', id('v4'))];
      const fromE = await elsewhere.live('e', id('v7'));

      const one = await mutate(`mutation { updatePlace(id: "${id('v1')}", input: { nameEn: "Live One" }) { id } }`);
      expect(one.errors, one.errors?.[0]?.message).toBeUndefined();
      const two = await mutate(`mutation { updatePlace(id: "${id('v6')}", input: { nameEn: "Live Six" }) { id } }`);
      expect(two.errors, two.errors?.[0]?.message).toBeUndefined();

      const toAuditor = announced(await auditor.next((m) => m.type === 'next' && m.id === 'a' && isAbout(m, id('v1')), fromA));
      expect(toAuditor.changes).toHaveLength(1);
      expect(toAuditor.changes[0]).toMatchObject({ action: 'updatePlace', entityId: id('v1'), entityKind: 'Place', actor: `${P}-clerk` });
      expect(JSON.parse(toAuditor.changes[0]!.after)).toMatchObject({ nameEn: 'Live One' });

      const toViewer = announced(await viewer.next((m) => m.type === 'next' && m.id === 'v' && isAbout(m, id('v1')), fromV));
      expect(toViewer.changes[0]).toMatchObject({ id: toAuditor.changes[0]!.id, entityId: id('v1'), actor: null });

      // sub2's subscriber hears of v6 only: its first announcement after the probe is the second mutation's.
      const toElsewhere = announced(await elsewhere.next((m) => m.type === 'next' && m.id === 'e' && !isAbout(m, id('v7')), fromE));
      expect(toElsewhere.changes.map((c) => c.entityId)).toEqual([id('v6')]);
      // The viewer's and auditor's probes (v3, v4 in sub1) never reached it either.
      const heard = elsewhere.messages.filter((m) => m.type === 'next').flatMap((m) => announced(m).changes.map((c) => c.entityId));
      expect(heard.filter((e) => e !== id('v7'))).toEqual([id('v6')]);
    } finally {
      for (const socket of [auditor, viewer, elsewhere]) socket.close();
    }
  });

  it('announces nothing for a mutation that was refused (nothing committed)', async () => {
    const socket = new Socket(bearer({ role: 'admin' }));
    try {
      await socket.subscribe('s', id('sub1'));
      const from = await socket.live('s', id('v3'));
      const refused = await mutate(`mutation { endPairing(id: "${id('p1')}", validTo: "not-a-date", reason: "x") { id } }`);
      expect(refused.errors?.length).toBeGreaterThan(0);
      const ok = await mutate(`mutation { updatePlace(id: "${id('v2')}", input: { nameEn: "Live Two" }) { id } }`);
      expect(ok.errors, ok.errors?.[0]?.message).toBeUndefined();
      const first = announced(await socket.next((m) => m.type === 'next' && !isAbout(m, id('v3')), from));
      expect(first.changes.map((c) => c.entityId)).toEqual([id('v2')]);
    } finally {
      socket.close();
    }
  });

  it('refuses a socket with no sign-in, and one with a bad token, at connection_init', async () => {
    for (const payload of [null, { authorization: 'Bearer not-a-token' }, { authorization: `Bearer ${tokenFor({ role: 'viewer' })}x` }]) {
      const socket = new Socket(payload);
      await socket.closed;
      expect(
        socket.messages.some((m) => m.type === 'connection_ack'),
        JSON.stringify(socket.messages),
      ).toBe(false);
    }
  });

  it('refuses an area that does not exist, naming the argument', async () => {
    const socket = new Socket(bearer({ role: 'viewer' }));
    try {
      await socket.subscribe('x', `${P}-no-such-area`);
      const error = await socket.next((m) => m.type === 'error' && m.id === 'x');
      expect(JSON.stringify(error.payload)).toContain('area');
    } finally {
      socket.close();
    }
  });
});
