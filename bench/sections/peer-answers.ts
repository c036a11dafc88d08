/**
 * Before the peer is timed, the two answers to each question are checked to be the same data: a
 * comparison of two APIs answering different questions measures nothing. Each answer is mapped to one
 * shape per question (the field names differ: ours `covers { nodes }`, the peer's `covers` and
 * `governs`), every list is sorted (order is compared by the queries asking the same `sort`, not here)
 * and the two are compared deep. The counts of each level are printed for both sides.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CaseId } from './queries.ts';

// GraphQL answers are JSON: any is the honest type of a field walked by name.
// biome-ignore lint/suspicious/noExplicitAny: an answer's shape is the question's, checked by the comparison itself
type Json = any;

export interface Shaped {
  /** The answer in the question's own shape. */
  answer: unknown;
  /** How many items at each level (name → count). */
  counts: Record<string, number>;
}

/** Every list sorted by its items' JSON, deep: the comparison does not depend on order. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .map(canonical)
      .map((v) => [JSON.stringify(v), v] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, v]) => v);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const flat = <T>(lists: T[][]) => lists.flat();
const count = (counts: Record<string, number>, level: string, n: number) => {
  counts[level] = (counts[level] ?? 0) + n;
};

/** A village's pairings, ours (`pairings`) or the peer's (`pairedByConnection.edges[].properties`). */
const pairingOf = (p: Json) => ({ id: p.id, status: p.status, validFrom: p.validFrom ?? null });

type Side = (data: Json) => Shaped;

/** For each question the peer can ask: ours → shape, peer → shape. */
export const shapes: Partial<Record<CaseId, { ours: Side; peer: Side }>> = {
  point: {
    ours: (d) => {
      const list = d.organization ? [d.organization] : [];
      return { answer: list, counts: { organizations: list.length } };
    },
    peer: (d) => ({ answer: d.organizations, counts: { organizations: d.organizations.length } }),
  },
  villages: {
    ours: (d) => {
      const o = d.organization;
      return {
        answer: { name: o.name, total: o.covers.totalCount, villages: o.covers.nodes },
        counts: { villages: o.covers.nodes.length, total: o.covers.totalCount },
      };
    },
    peer: (d) => {
      const o = d.organizations[0];
      const villages = [...o.covers, ...o.governs];
      const total = o.coversConnection.totalCount + o.governsConnection.totalCount;
      return { answer: { name: o.name, total, villages }, counts: { villages: villages.length, total } };
    },
  },
  subtree: {
    ours: (d) => {
      const c = d.organization.descendants;
      return { answer: c.nodes, counts: { descendants: c.nodes.length, total: c.totalCount } };
    },
    peer: (d) => {
      // The tree flattened nearest first, each depth in ours' order (documented first, name, id); the
      // first place a node is met is its depth.
      const byDepth: Json[][] = [];
      const walk = (list: Json[], depth: number) => {
        byDepth[depth] = [...(byDepth[depth] ?? []), ...list];
        for (const node of list) if (node.children) walk(node.children, depth + 1);
      };
      walk(d.organizations[0].children, 0);
      const order = (a: Json, b: Json) =>
        Number(a.synthetic ?? false) - Number(b.synthetic ?? false) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
      const seen = new Set<string>();
      const nodes = byDepth
        .flatMap((level) => [...level].sort(order))
        .filter((n: Json) => !seen.has(n.id) && seen.add(n.id))
        .map((n: Json) => ({ id: n.id, name: n.name, kind: n.kind }));
      const page = nodes.slice(0, 500);
      return { answer: page, counts: { descendants: page.length, asked: nodes.length } };
    },
  },
  coverage: {
    ours: (d) => {
      const c = d.pairingCoverage;
      const unpaired = c.unpaired.totalCount <= c.unpaired.nodes.length ? c.unpaired.nodes : `${c.unpaired.totalCount} (a page)`;
      return {
        answer: {
          villages: c.villages,
          paired: c.paired,
          byArea: c.byArea.map((a: Json) => ({ id: a.area.id, name: a.area.name, villages: a.villages, paired: a.paired })),
          unpaired,
        },
        counts: { areas: c.byArea.length, villages: c.villages, paired: c.paired, unpaired: c.unpaired.totalCount },
      };
    },
    peer: (d) => {
      const p = d.places[0];
      const byArea = p.children.map((a: Json) => ({
        id: a.id,
        name: a.name,
        villages: a.villages.aggregate.count.nodes,
        paired: a.paired.aggregate.count.nodes,
      }));
      const paired = byArea.reduce((sum: number, a: Json) => sum + a.paired, 0);
      const villages = p.villages.aggregate.count.nodes + byArea.reduce((sum: number, a: Json) => sum + a.villages, 0);
      const unpaired = flat<Json>(p.children.map((a: Json) => a.unpaired));
      const unpairedTotal = villages - paired;
      return {
        answer: { villages, paired, byArea, unpaired: unpairedTotal <= 100 ? unpaired : `${unpairedTotal} (a page)` },
        counts: { areas: byArea.length, villages, paired, unpaired: unpairedTotal },
      };
    },
  },
  chain: {
    ours: (d) => {
      const c = d.entity;
      return {
        answer: {
          name: c.name,
          leaders: c.leaders.map((l: Json) => ({ role: l.role, holder: l.holder ?? null, organization: l.organization?.name ?? null })),
          enterprises: c.enterprises.nodes,
          total: c.enterprises.totalCount,
        },
        counts: { leaders: c.leaders.length, enterprises: c.enterprises.nodes.length, total: c.enterprises.totalCount },
      };
    },
    peer: (d) => {
      const c = d.industryChains[0];
      return {
        answer: {
          name: c.name,
          leaders: c.leaders.map((l: Json) => ({ role: l.name, holder: l.holder ?? null, organization: l.heldWithin[0]?.name ?? null })),
          enterprises: c.enterprises,
          total: c.enterprisesConnection.totalCount,
        },
        counts: { leaders: c.leaders.length, enterprises: c.enterprises.length, total: c.enterprisesConnection.totalCount },
      };
    },
  },
  nested: {
    ours: (d) => {
      const counts: Record<string, number> = {};
      const villages = (o: Json) => {
        const list = o.covers.nodes;
        count(counts, 'villages', list.length);
        return list.map((v: Json) => {
          count(counts, 'pairings', v.pairings.length);
          return { name: v.name, pairings: v.pairings.map(pairingOf) };
        });
      };
      const root = d.organization;
      const children = root.children.nodes.map((o: Json) => {
        const grandchildren = o.children.nodes.map((g: Json) => ({ name: g.name, villages: villages(g) }));
        count(counts, 'organizations (level 3)', grandchildren.length);
        return { name: o.name, children: grandchildren };
      });
      counts['organizations (level 2)'] = children.length;
      return { answer: { name: root.name, children }, counts };
    },
    peer: (d) => {
      const counts: Record<string, number> = {};
      const villages = (o: Json) => {
        const list = [...o.covers, ...o.governs];
        count(counts, 'villages', list.length);
        return list.map((v: Json) => {
          const pairings = v.pairedByConnection.edges.map((e: Json) => pairingOf(e.properties));
          count(counts, 'pairings', pairings.length);
          return { name: v.name, pairings };
        });
      };
      const root = d.organizations[0];
      const children = root.children.map((o: Json) => {
        const grandchildren = o.children.map((g: Json) => ({ name: g.name, villages: villages(g) }));
        count(counts, 'organizations (level 3)', grandchildren.length);
        return { name: o.name, children: grandchildren };
      });
      counts['organizations (level 2)'] = children.length;
      return { answer: { name: root.name, children }, counts };
    },
  },
};

export interface Comparison {
  same: boolean;
  ours: Record<string, number>;
  peer: Record<string, number>;
  /** The first place the answers part, when they do. */
  difference?: string;
}

/** Where two canonical answers first part (a path and both values, cut short). */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items (ours) vs ${b.length} (peer)`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Json)[k], (b as Json)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} (ours) vs ${JSON.stringify(b)?.slice(0, 120)} (peer)`;
}

/** Compares ours and the peer's answer to one question (their `data`). */
export function compareAnswers(id: CaseId, ours: unknown, peer: unknown): Comparison {
  const shape = shapes[id];
  if (!shape) return { same: false, ours: {}, peer: {}, difference: 'no shape for this question' };
  const o = shape.ours(ours);
  const p = shape.peer(peer);
  const difference = firstDifference(canonical(o.answer), canonical(p.answer));
  return { same: difference === undefined, ours: o.counts, peer: p.counts, difference };
}

/** "villages 285/285, pairings 306/306" (ours/peer). */
export const formatCounts = (c: Comparison) =>
  [...new Set([...Object.keys(c.ours), ...Object.keys(c.peer)])].map((k) => `${k} ${c.ours[k] ?? '–'}/${c.peer[k] ?? '–'}`).join(', ');
