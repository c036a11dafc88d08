/**
 * Alternative paths (issue #20: a path lens that answers organisational questions): `paths` gives up to
 * k connections between two entities, shortest first, each with its steps in words (Chinese by default,
 * English when asked), honours the same filters as pathElements, and the path export lists the same
 * steps. On the fixture graph (tests/helpers/fixture.ts), whose answers are known:
 *   b1 → jc ← b3 (2 steps, through the joint committee), and around it b1 → v1 → sub1 ← v3 ← b3
 *   (4 steps, through the villages and their 街道) among the longer ones.
 */
import { describe, expect, it } from 'vitest';
import { authHeaders, gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tk';
const fixture = withFixtureApp(P);
const { id } = fixture;

interface Answer {
  length: number;
  text: string;
  en: string;
  elements: { nodes: { data: { id: string } }[]; edges: { data: { id: string; label: string } }[] };
  steps: {
    from: { id: string; name: string };
    to: { id: string; name: string };
    type: string;
    forward: boolean;
    text: string;
    en: string;
  }[];
}

const SELECTION = `length text en: text(lang: EN)
  elements { nodes { data { id } } edges { data { id label } } }
  steps { from { id name } to { id name } type forward text en: text(lang: EN) }`;

describe('alternative paths', () => {
  it('gives the shortest path first, then the next shortest, each a real chain of steps from start to end', async () => {
    const { data, errors } = await gql<{ paths: Answer[] }>(
      fixture.app,
      `{ paths(from: "${id('b1')}", to: "${id('b3')}", k: 3) { ${SELECTION} } }`,
    );
    expect(errors).toBeUndefined();
    const paths = data!.paths;
    expect(paths).toHaveLength(3);
    // Shortest first: b1 → jc ← b3, two steps; the others longer.
    expect(paths[0]!.elements.nodes.map((n) => n.data.id)).toEqual([id('b1'), id('jc'), id('b3')]);
    expect(paths.map((p) => p.length)).toEqual([...paths.map((p) => p.length)].sort((a, b) => a - b));
    expect(paths[1]!.length).toBeGreaterThan(2);
    // All different, and each one a chain: a step starts where the previous ended, from b1 to b3.
    expect(new Set(paths.map((p) => p.elements.edges.map((e) => e.data.id).join(' '))).size).toBe(3);
    for (const path of paths) {
      expect(path.steps).toHaveLength(path.length);
      expect(path.elements.edges).toHaveLength(path.length);
      expect(path.steps[0]!.from.id).toBe(id('b1'));
      expect(path.steps.at(-1)!.to.id).toBe(id('b3'));
      path.steps.forEach((step, i) => {
        if (i > 0) expect(step.from.id).toBe(path.steps[i - 1]!.to.id);
        expect(step.type).toBe(path.elements.edges[i]!.data.label);
      });
    }
  });

  it('says each step in words from the entity it leaves: 隶属于 forward, 领导 backward; English when asked', async () => {
    const { data } = await gql<{ paths: Answer[] }>(
      fixture.app,
      `{ paths(from: "${id('b1')}", to: "${id('b3')}", k: 1) { ${SELECTION} } }`,
    );
    const [path] = data!.paths;
    const [up, down] = path!.steps;
    expect(up).toMatchObject({ type: 'REPORTS_TO', forward: true, text: `${P}b1村党支部 隶属于 ${P}联合党委` });
    expect(up!.en).toBe(`${P}b1村党支部 reports to ${P}联合党委`);
    expect(down).toMatchObject({ type: 'REPORTS_TO', forward: false, text: `${P}联合党委 领导 ${P}b3村党支部` });
    expect(down!.en).toBe(`${P}联合党委 leads ${P}b3村党支部`);
    expect(path!.text).toBe(`${P}b1村党支部 隶属于 ${P}联合党委，${P}联合党委 领导 ${P}b3村党支部。`);
    expect(path!.en).toBe(`${P}b1村党支部 reports to ${P}联合党委; ${P}联合党委 leads ${P}b3村党支部.`);
  });

  it('applies the filters to every alternative and keeps to maxLength', async () => {
    const { data, errors } = await gql<{ around: Answer[]; short: Answer[]; lines: Answer[]; none: Answer[] }>(
      fixture.app,
      `{ around: paths(from: "${id('b1')}", to: "${id('b3')}", k: 3, excludeKinds: ["JointCommittee"]) { ${SELECTION} }
         short: paths(from: "${id('b1')}", to: "${id('b3')}", k: 5, maxLength: 2) { ${SELECTION} }
         lines: paths(from: "${id('b1')}", to: "${id('sub1')}", k: 3, relationships: ["REPORTS_TO", "GOVERNS"]) { ${SELECTION} }
         none: paths(from: "${id('b1')}", to: "${id('b3')}", relationships: ["GOVERNS"]) { length } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.around.length).toBeGreaterThan(0);
    for (const path of data!.around) {
      const inner = path.steps.slice(1).map((s) => s.from.id);
      expect(inner).not.toContain(id('jc'));
    }
    expect(data!.around[0]!.elements.nodes.map((n) => n.data.id)).toEqual([id('b1'), id('v1'), id('sub1'), id('v3'), id('b3')]);
    // Only one path of at most two steps exists.
    expect(data!.short.map((p) => p.length)).toEqual([2]);
    expect(data!.lines.length).toBeGreaterThan(0);
    for (const path of data!.lines) for (const step of path.steps) expect(['REPORTS_TO', 'GOVERNS']).toContain(step.type);
    expect(data!.lines[0]!.text).toBe(
      `${P}b1村党支部 隶属于 ${P}联合党委，${P}联合党委 隶属于 ${P}甲街道党工委，${P}甲街道党工委 管辖 ${P}甲街道。`,
    );
    expect(data!.none).toEqual([]);
  });

  it('refuses k out of range and unknown ends, naming the argument', async () => {
    const big = await gql(fixture.app, `{ paths(from: "${id('b1')}", to: "${id('b3')}", k: 6) { length } }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'k' });
    const zero = await gql(fixture.app, `{ paths(from: "${id('b1')}", to: "${id('b3')}", k: 0) { length } }`);
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'k' });
    const missing = await gql(fixture.app, `{ paths(from: "nope", to: "${id('b3')}") { length } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'from' });
    const badType = await gql(fixture.app, `{ paths(from: "${id('b1')}", to: "${id('b3')}", relationships: ["BOSS_OF"]) { length } }`);
    expect(badType.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'relationships' });
  });

  it('exports the same paths as a list, one row per step with the step in words', async () => {
    const { data } = await gql<{ paths: Answer[] }>(
      fixture.app,
      `{ paths(from: "${id('b1')}", to: "${id('b3')}", k: 3, excludeKinds: ["City"]) { ${SELECTION} } }`,
    );
    const response = await fixture.app.inject({
      url: `/export/path.csv?from=${id('b1')}&to=${id('b3')}&k=3&excludeKinds=City`,
      headers: authHeaders(),
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toBe('关联路径');
    expect(lines.some((l) => l.startsWith('起点,') && l.includes(`${P}b1村党支部`))).toBe(true);
    expect(lines.some((l) => l.startsWith('不经过的类型,') && l.includes('市'))).toBe(true);
    const header = lines.findIndex((l) => l.startsWith('路径,'));
    expect(header).toBeGreaterThan(0);
    const rows = lines
      .slice(header + 1)
      .filter(Boolean)
      .map((l) => l.split(','));
    const expected = data!.paths.flatMap((p, i) => p.steps.map((s, j) => [String(i + 1), String(p.length), String(j + 1), s.text]));
    expect(rows.map((r) => [r[0], r[1], r[2], r.at(-1)])).toEqual(expected);
    const bad = await fixture.app.inject({ url: `/export/path.csv?from=${id('b1')}&to=${id('b3')}&k=many`, headers: authHeaders() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'k' });
    const noEnd = await fixture.app.inject({ url: `/export/path.csv?from=${id('b1')}`, headers: authHeaders() });
    expect(noEnd.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
