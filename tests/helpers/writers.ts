/**
 * For the reliability tests (fault, concurrency, change-log count): mutations sent through app.inject
 * as a signed-in caller, each reduced to an outcome (acknowledged with its data, or refused with its
 * code), and small counting helpers for the figures those tests print.
 */
import type { FastifyInstance } from 'fastify';
import { type As, authHeaders } from './app.ts';

/** What one request came to: acknowledged (data and no errors), or refused with the first error's code. */
export type Outcome<T = any> =
  | { ok: true; data: T; ms: number }
  | { ok: false; code: string; message: string; field?: unknown; ms: number; status: number };

/**
 * Posts one GraphQL request and reduces the answer to an Outcome. A transport failure (the inject
 * itself throwing, or a body that is not JSON) counts as refused with code TRANSPORT, never thrown.
 */
export async function send<T = any>(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  as?: As,
): Promise<Outcome<T>> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  try {
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers: authHeaders(as) });
    let body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      body = response.json();
    } catch {
      return {
        ok: false,
        code: `HTTP_${response.statusCode}`,
        message: response.body.slice(0, 200),
        ms: elapsed(),
        status: response.statusCode,
      };
    }
    if (body.errors?.length || body.data == null) {
      const first = body.errors?.[0];
      return {
        ok: false,
        code: String(first?.extensions?.code ?? `HTTP_${response.statusCode}`),
        message: first?.message ?? '(no message)',
        field: first?.extensions?.field,
        ms: elapsed(),
        status: response.statusCode,
      };
    }
    return { ok: true, data: body.data, ms: elapsed() };
  } catch (error) {
    return { ok: false, code: 'TRANSPORT', message: String(error), ms: elapsed(), status: 0 };
  }
}

/** Counts outcomes: `acknowledged` and one entry per refusal code, e.g. { acknowledged: 1, CONFLICT: 99 }. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.ok ? 'acknowledged' : outcome.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The GraphQL documents of the eight mutations, each taking an optional clientMutationId. */
export const MUTATIONS = {
  createOrganization: `mutation ($input: CreateOrganizationInput!, $cmid: String) {
    createOrganization(input: $input, clientMutationId: $cmid) { id name parent { id } }
  }`,
  updateOrganization: `mutation ($id: ID!, $input: UpdateEntityInput!, $cmid: String) {
    updateOrganization(id: $id, input: $input, clientMutationId: $cmid) { id name }
  }`,
  moveOrganization: `mutation ($id: ID!, $newParentId: ID!, $reason: String, $cmid: String) {
    moveOrganization(id: $id, newParentId: $newParentId, reason: $reason, clientMutationId: $cmid) { id parent { id } }
  }`,
  createPlace: `mutation ($input: CreatePlaceInput!, $cmid: String) {
    createPlace(input: $input, clientMutationId: $cmid) { id name parent { id } }
  }`,
  updatePlace: `mutation ($id: ID!, $input: UpdateEntityInput!, $cmid: String) {
    updatePlace(id: $id, input: $input, clientMutationId: $cmid) { id name }
  }`,
  startPairing: `mutation ($input: StartPairingInput!, $cmid: String) {
    startPairing(input: $input, clientMutationId: $cmid) { id status validFrom validTo partner { id } target { id } }
  }`,
  endPairing: `mutation ($id: ID!, $validTo: String!, $reason: String!, $cmid: String) {
    endPairing(id: $id, validTo: $validTo, reason: $reason, clientMutationId: $cmid) { id status validTo }
  }`,
  rematchPairing: `mutation ($id: ID!, $newPartnerId: ID!, $date: String!, $reason: String!, $cmid: String) {
    rematchPairing(id: $id, newPartnerId: $newPartnerId, date: $date, reason: $reason, clientMutationId: $cmid) {
      id status validFrom replaces partner { id } target { id }
    }
  }`,
} as const;

export type MutationName = keyof typeof MUTATIONS;
