/**
 * The compiled read path's query tier (no database): the Cypher and parameters the compiler emits for
 * a handful of selections, snapshotted, so a change to what is fetched, in which order and with
 * which parameters shows up in review. And the rules that keep it correct, checked on the text.
 */
import type { FieldNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { loadFieldFragments } from '../../graph/cypher-queries.ts';
import type { EntityObject } from '../../graph/entity-mapper.ts';
import { KIND_NAMES, KINDS } from '../../schema/model.ts';
import { emitList, emitRoot, type RootMatch } from '../../server/compiled/emit.ts';
import { fieldFragmentFor, fieldFragmentText } from '../../server/compiled/field-fragments.ts';
import { embeddable, loaderQuery, shapeLoaded } from '../../server/compiled/loader-fields.ts';
import { planRoot } from '../../server/compiled/plan.ts';
import { compileRoot } from '../../server/compiled/read-path.ts';
import { loaders } from '../../server/graphql.ts';
import { graphql } from '../../server/graphql-cjs.ts';
import { loadSdl } from '../../server/graphql-schema.ts';
import { farCategory, RELATED_FIELDS } from '../../server/related-fields.ts';

const schema = graphql.buildSchema(loadSdl());

function compile(document: string, root: RootMatch, type: string | null, variables: Record<string, unknown> = {}) {
  const ast = graphql.parse(document);
  const operation = ast.definitions.find((d) => d.kind === 'OperationDefinition');
  const fragments = Object.fromEntries(
    ast.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
  ) as Record<string, FragmentDefinitionNode>;
  const field = (operation as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  return emitRoot(
    root,
    planRoot(schema, [field], fragments, variables, type, (t, name, args) => loaderQuery(loaders, t, name, args)),
  );
}

const NESTED = `{ organization(id: "dc") { name
  children { nodes { ... on Organization { name
    children { nodes { ... on Organization { name
      covers(kinds: ["Village"]) { nodes { ... on Place { name pairings { id status validFrom } } } } } } } } } } } }`;

describe('compiled Cypher', () => {
  it('the 5-level nested question: one query, a page per parent, pairings from the shared fragment (asked properties only)', () => {
    const q = compile(NESTED, { by: 'id', id: 'dc' }, 'Organization');
    expect(q.text).toMatchSnapshot();
    expect(q.params).toMatchSnapshot();
  });

  it("a joint committee's villages with the total counted beside the page", () => {
    const q = compile(
      `{ organization(id: "j") { name covers(kinds: ["Village"]) { totalCount nodes { id name } } } }`,
      { by: 'id', id: 'j' },
      'Organization',
    );
    expect(q.text).toMatchSnapshot();
    // The one kind asked is matched as a label, which fixes the villages' type: `kind`, not asked, is not
    // read. The root's type check compares its kind, read once, with its category's kinds.
    expect(q.params).toEqual({ p0: 'j', p1: KIND_NAMES.filter((k) => KINDS[k].category === 'Organization'), p2: 0, p3: 100 });
    expect(q.text).toContain('->(n2:Village)');
    expect(q.text).not.toContain('.kind IN');
  });

  it("a related field's far end is of one category when every type of it ends there in one (the model's ends, which writes are held to)", () => {
    expect(farCategory(RELATED_FIELDS.IndustryChain!.enterprises!)).toBe('Unit');
    expect(farCategory(RELATED_FIELDS.Unit!.chains!)).toBe('IndustryChain');
    expect(farCategory(RELATED_FIELDS.Organization!.covers!)).toBe('Place');
    // MEMBER_OF starts at places, organizations and units; LEADS ends at alliances and chains.
    expect(farCategory(RELATED_FIELDS.Alliance!.members!)).toBeNull();
    expect(farCategory(RELATED_FIELDS.LeadershipRole!.leads!)).toBeNull();
  });

  it('a kind filter is a label check: the kinds as a label expression, all of a category as its label, none as no match', () => {
    const org = (kinds: string) =>
      compile(`{ organization(id: "j") { covers(kinds: ${kinds}) { nodes { id } } } }`, { by: 'id', id: 'j' }, 'Organization');
    const two = org('["Village", "Community"]');
    expect(two.text).toMatch(/->\(n2:(Village\|Community|Community\|Village)\)/);
    expect(Object.values(two.params)).not.toContain('Village');
    const places = KIND_NAMES.filter((k) => KINDS[k].category === 'Place');
    expect(org(JSON.stringify(places)).text).toContain('->(n2:Place)');
    const none = org('[]');
    expect(none.text).toContain('n2.kind IN $');
    expect(Object.values(none.params)).toContainEqual([]);
  });

  it('a point lookup by name projects only what is asked (sources only when asked)', () => {
    const bare = compile(`{ organization(name: "x") { id name kind } }`, { by: 'name', name: 'x', type: 'Organization' }, 'Organization');
    expect(bare.text).toMatchSnapshot();
    expect(bare.text).not.toContain('sourceDocuments');
    const withSources = compile(
      `{ organization(name: "x") { sources { quote } } }`,
      { by: 'name', name: 'x', type: 'Organization' },
      'Organization',
    );
    expect(withSources.text).toContain('.sourceDocuments, .sourceQuotes');
  });

  it('fragments, aliases, variables and @include/@skip decide what is fetched', () => {
    const doc = `query Q($on: Boolean!, $k: [String!]) { entity(id: "c") { ...F } }
      fragment F on Entity { ... on Organization {
        covers(kinds: $k, first: 5) { edges { node { id } } }
        a: parentLink @include(if: $on) { node { id } sources { quote } }
        b: alliances @skip(if: $on) { id }
      } }`;
    const on = compile(doc, { by: 'id', id: 'c' }, null, { on: true, k: ['Village'] });
    expect(on.text).toMatchSnapshot();
    expect(on.params).toMatchSnapshot();
    expect(on.text).toContain('REPORTS_TO');
    expect(on.text).not.toContain(':LEADS|MEMBER_OF');
    const off = compile(doc, { by: 'id', id: 'c' }, null, { on: false, k: null });
    expect(off.text).not.toContain('REPORTS_TO');
    expect(off.text).toContain('LEADS|MEMBER_OF');
  });

  it('every field subquery returns one row: it ends in a collect with no grouping key', () => {
    const q = compile(NESTED, { by: 'id', id: 'dc' }, 'Organization');
    const returns = q.text.split('\n').filter((line) => /^\s+RETURN /.test(line));
    expect(returns.length).toBeGreaterThan(3);
    for (const line of returns) expect(line).toMatch(/^\s+RETURN (collect\(.*\) AS \w+|\w+ AS \w+|.*AS active)$/);
  });

  it('an argument the loader would refuse is left to the loader (not compiled)', () => {
    const q = compile(`{ organization(id: "x") { children(kinds: ["Planet"]) { totalCount } } }`, { by: 'id', id: 'x' }, 'Organization');
    expect(q.text).not.toContain('REPORTS_TO');
  });

  it('a pairing projects only what is asked of it and of its ends', () => {
    const bare = compile(`{ place(id: "v") { pairings { id status } } }`, { by: 'id', id: 'v' }, 'Place');
    // Positional: [pairing, partner if asked, target if asked].
    expect(bare.text).toMatch(/\| \[r\d+ \{\.id, \.status, \.validTo\}\]\]/);
    expect(bare.text).not.toContain('properties(startNode');
    const ends = compile(
      `{ place(id: "v") { pairings { partner { name sources { quote } } target { id } } } }`,
      { by: 'id', id: 'v' },
      'Place',
    );
    expect(ends.text).toMatch(
      /, \[(x\d+) IN \[startNode\(r\d+\)\] \| \1 \{\.name, \.sourceDocuments, \.sourceQuotes, \.kind\}\]\[0\], \[(x\d+) IN \[endNode\(r\d+\)\] \| \2 \{\.id, \.kind\}\]\[0\]\]/,
    );
  });

  it('an object whose every asked field is compiled carries only those properties and its kind (none when the match fixes its type); one with a field left to its resolver carries its identity too', () => {
    const compiledOnly = compile(
      `{ organization(id: "o") { name children { nodes { displayName } } } }`,
      { by: 'id', id: 'o' },
      'Organization',
    );
    // Children are matched as organizations (their kinds' labels): their type needs no `kind`.
    expect(compiledOnly.text).toMatch(/collect\(\[n\d+ \{\.displayName, \.name\}\]\)/);
    // The root, found by id, reads its kind once; its fields' type checks compare it.
    expect(compiledOnly.text).toMatch(/WITH n0, n0\.kind AS n0_kind\n/);
    expect(compiledOnly.text).toMatch(/WHERE n0_kind IN \$p\d+\n/);
    expect(compiledOnly.text).not.toContain('n0:Organization');
    expect(compiledOnly.text).toMatch(/RETURN n0 \{\.name, kind: n0_kind\} AS node/);
    // The far end's category fixed by the model (ON_CHAIN starts at a Unit): matched by that label,
    // its type taken from it, `kind` not read unless asked.
    const chain = compile(`{ entity(id: "c") { ... on IndustryChain { enterprises { nodes { id } } } } }`, { by: 'id', id: 'c' }, null);
    expect(chain.text).toMatch(/<-\[r\d+:ON_CHAIN\]-\((n\d+):Unit\)/);
    expect(chain.text).toMatch(/collect\(\[n\d+ \{\.id\}\]\)/);
    const withKind = compile(
      `{ entity(id: "c") { ... on IndustryChain { enterprises { nodes { kind } } } } }`,
      { by: 'id', id: 'c' },
      null,
    );
    expect(withKind.text).toMatch(/collect\(\[n\d+ \{\.kind\}\]\)/);
    // claims is answered by its loader, which finds its parent by id.
    const withResolver = compile(`{ organization(id: "o") { name claims { metric } } }`, { by: 'id', id: 'o' }, 'Organization');
    expect(withResolver.text).toMatch(/RETURN n0 \{\.name, \.id, kind: n0_kind, \.synthetic\} AS node/);
  });

  it("a batched loader's field embeds that loader's own named query for its parent", () => {
    const q = compile(
      `{ entity(id: "c") { ... on Organization { ancestors { name } siblings(first: 7) { id } descendantCounts { kind count } } } }`,
      { by: 'id', id: 'c' },
      null,
    );
    expect(q.text).toMatchSnapshot();
    expect(q.params).toMatchSnapshot();
    expect(q.text).toContain('// Organization.ancestors: cypher/organization/list-ancestors.cypher');
    expect(q.text).toContain('// Organization.siblings: cypher/organization/list-siblings.cypher');
    expect(q.text).toContain('// Organization.descendantCounts: cypher/organization/count-descendants.cypher');
    expect(q.text).not.toContain('$ids');
    expect(Object.values(q.params)).toContain(7);
  });

  it("a loader field with a field fragment (cypher/fields/) embeds it instead of the loader's query: the same rule, only the asked properties", () => {
    const q = compile(
      `{ entity(id: "c") { ... on IndustryChain { name leaders { role organization { name } } } ... on Organization { descendants(maxDepth: 4, first: 500) { totalCount nodes { id name kind } } } } }`,
      { by: 'id', id: 'c' },
      null,
    );
    expect(q.text).toMatchSnapshot();
    expect(q.params).toMatchSnapshot();
    expect(q.text).toContain('// IndustryChain.leaders: cypher/fields/IndustryChain.leaders.cypher');
    expect(q.text).toContain('// Organization.descendants: cypher/fields/Organization.descendants.cypher');
    // The rules are the loaders' own, from the shared fragments, and the loaders' queries are not embedded.
    expect(q.text).toContain('// chain-leaders: cypher/fragments/chain-leaders.cypher');
    expect(q.text).toContain('// descendants-of: cypher/fragments/descendants-of.cypher');
    expect(q.text).not.toContain('list-leaders');
    expect(q.text).not.toContain('list-descendants');
    // Only what is asked: no whole property maps; the role's name (ChainLeader.role), the organization's name
    // and kind, nothing of the LEADS link (sources not asked); the nodes' id, name and kind.
    expect(q.text).not.toContain('properties(');
    expect(q.text).toMatch(/role: role \{\.name\}/);
    expect(q.text).toContain('link: {}');
    expect(q.text).toMatch(/organization: org \{\.name, \.kind\}/);
    expect(q.text).toMatch(/\| d \{\.id, \.name, \.kind\}\]\[0\]/);
    // The walk's bound is the checked argument, written in; the rest are parameters.
    expect(q.text).toContain('[:REPORTS_TO*1..4]->');
    expect(Object.values(q.params)).toEqual(expect.arrayContaining([4, null, 0, 500]));
    expect(q.text).not.toMatch(/\{\{|@project/);
  });

  it('a field fragment projects the union of what aliases ask, sources only when asked, and a @skip-ped selection not at all', () => {
    const q = compile(
      `query Q($s: Boolean!) { organization(id: "o") {
        a: descendants(maxDepth: 2) { nodes { id } }
        b: descendants(maxDepth: 2) { edges { node { name } sources { quote } } }
        c: descendants(maxDepth: 3) { totalCount nodes { displayName @skip(if: $s) } }
      } }`,
      { by: 'id', id: 'o' },
      'Organization',
      { s: true },
    );
    expect(q.text).toMatchSnapshot();
    expect(q.text).toContain('[:REPORTS_TO*1..2]->');
    expect(q.text).toContain('[:REPORTS_TO*1..3]->');
    // Depth 2 (a and b, one subquery): the union; depth 3: nothing asked of the nodes but their kind.
    expect(q.text).toMatch(/d \{\.id, \.kind, \.name, \.sourceDocuments, \.sourceQuotes\}/);
    expect(q.text).toMatch(/d \{\.kind\}/);
    const leaders = compile(
      `{ entity(id: "c") { ... on IndustryChain { leaders { holder sources { quote } roleEntity { properties { key } } } } } }`,
      { by: 'id', id: 'c' },
      null,
    );
    expect(leaders.text).toMatch(/role: properties\(role\)/);
    expect(leaders.text).toMatch(/link: lead \{\.sourceDocuments, \.sourceQuotes\}/);
    expect(leaders.text).toContain('organization: {}');
  });

  it('a field fragment is not used when its bound argument is outside its range: the loader answers', () => {
    const bad = compile(`{ organization(id: "x") { descendants(maxDepth: 11) { totalCount } } }`, { by: 'id', id: 'x' }, 'Organization');
    expect(bad.text).not.toContain('REPORTS_TO*');
    const spliced = loadFieldFragments().get('Organization.descendants')!;
    expect(spliced.bounds).toEqual({ maxDepth: { min: 1, max: 10 } });
    expect(() => fieldFragmentText(spliced, { maxDepth: '4] RETURN 1 //', kinds: null, offset: 0, limit: 1 }, String, () => '{}')).toThrow(
      /maxDepth/,
    );
  });

  it("every field fragment answers exactly the columns of its loader's query, so the loader shapes its rows", () => {
    for (const fragment of loadFieldFragments().values()) {
      const query = loaderQuery(
        loaders,
        fragment.type,
        fragment.field,
        fragment.name === 'Organization.descendants' ? { maxDepth: 4 } : {},
      );
      expect(query, fragment.name).not.toBeNull();
      const columns = embeddable(query!.name)!.columns;
      expect(fieldFragmentFor(fragment.type, fragment.field, query!, columns), fragment.name).toBe(fragment);
    }
  });

  it("every field fragment's loader shapes its rows reading nothing of the parent but its id, so the parent carries only that", async () => {
    for (const fragment of loadFieldFragments().values()) {
      const args = fragment.name === 'Organization.descendants' ? { maxDepth: 4 } : {};
      const read = new Set<string>();
      const parent = new Proxy({ id: 'p' } as unknown as EntityObject, {
        get(target, key) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key);
        },
      });
      const rows = [Object.fromEntries(['id', ...fragment.outputs].map((c) => [c, c === 'id' ? 'p' : c === 'total' ? 0 : []]))];
      await shapeLoaded(loaders, fragment.type, fragment.field, parent, args, rows);
      expect([...read], fragment.name).toEqual(['id']);
    }
    const q = compile(`{ entity(id: "c") { ... on IndustryChain { leaders { role } } } }`, { by: 'id', id: 'c' }, null);
    expect(q.text).toMatch(/RETURN n0 \{\.id, kind: n0_kind\} AS node/);
  });

  it('a root is compiled once per selection, variables, arguments and day, and again when any of them differs', () => {
    const ast = graphql.parse(`query($first: Int) { organization(id: "o") { name children(first: $first) { nodes { id } } } }`);
    const field = (ast.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const info = (variableValues: Record<string, unknown>) => ({ schema, fieldNodes: [field], fragments: {}, variableValues });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
      const once = compileRoot('organization', { id: 'o' }, info({ first: 5 }), loaders);
      // The same question: the same plan and query, not made again.
      expect(compileRoot('organization', { id: 'o' }, info({ first: 5 }), loaders)).toBe(once);
      const other = compileRoot('organization', { id: 'o' }, info({ first: 6 }), loaders);
      expect(other.query.params).not.toEqual(once.query.params);
      expect(Object.values(other.query.params)).toContain(6);
      expect(compileRoot('organization', { id: 'p' }, info({ first: 5 }), loaders).query.params.p0).toBe('p');
      // A loader may ask about today (claims' asOf): another day, compiled again.
      vi.setSystemTime(new Date('2026-03-02T00:00:01Z'));
      const tomorrow = compileRoot('organization', { id: 'o' }, info({ first: 5 }), loaders);
      expect(tomorrow).not.toBe(once);
      expect(tomorrow.query).toEqual(once.query);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a loader field is left to its loader when its arguments are bad or its query cannot be embedded', () => {
    const bad = compile(`{ organization(id: "x") { descendants(maxDepth: 99) { totalCount } } }`, { by: 'id', id: 'x' }, 'Organization');
    expect(bad.text).not.toContain('descendants');
    expect(loaderQuery(loaders, 'Organization', 'descendants', { maxDepth: 99 })).toBeNull();
    expect(loaderQuery(loaders, 'Organization', 'noSuchField', {})).toBeNull();
    expect(embeddable('chain/list-leaders')?.columns).toEqual(['id', 'items']);
    expect(embeddable('organization/list-descendants')?.columns).toEqual(['id', 'total', 'items']);
    // Not one `UNWIND $ids AS id` at the top: never embedded.
    expect(embeddable('entity/find-area')).toBeNull();
  });

  it("a list root embeds its resolver's named query as it stands, then each listed entity's plan, one row per parent", () => {
    const ast = graphql.parse(
      `{ industryChains { id name ... on IndustryChain { leaders { role } enterprises(first: 3) { totalCount } } } }`,
    );
    const field = (ast.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const plan = planRoot(schema, [field], {}, {}, 'IndustryChain', (t, name, args) => loaderQuery(loaders, t, name, args));
    const q = emitList(
      { name: 'chain/list-chains', params: { areaId: null, includeSynthetic: false } },
      'node',
      false,
      plan,
      'IndustryChain',
    );
    expect(q.text).toMatchSnapshot();
    // Every listed entity is a chain (the root's query matches the label): no field checks it again.
    expect(q.text).not.toMatch(/\bn\d+:IndustryChain/);
    expect(q.params).toEqual({ p0: null, p1: false, p2: 0, p3: 3 });
    expect(q.text).toMatch(/^CALL \(\) \{/);
    expect(q.text).toContain('// IndustryChain.leaders: cypher/fields/IndustryChain.leaders.cypher');
    expect(q.text.split('\n').at(-1)).toBe('RETURN node, pres2 AS pres');
  });
});
