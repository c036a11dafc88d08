/**
 * #14 item 6, read from the SDL: every root question that lists graph data (a list, a connection or
 * Cytoscape elements) takes `includeSynthetic: Boolean = false`, so synthetic (合成·) data shows only
 * when asked, the same everywhere. The fields that do not are named here with the reason.
 */
import { buildSchema, getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSdl } from '../../server/graphql-schema.ts';

/** Root list fields without the argument, and why. */
const EXEMPT: Record<string, string> = {
  users: 'accounts, not graph data',
  findingRules: 'the audit rules themselves',
  documents: 'the source reports',
  changes: 'the change log: every edit as made',
  kinds: 'a count per kind, documented as counting documented and synthetic entities',
  entities: 'ids the caller names',
  // Synthetic data is an island (data/synthetic/generate.ts: no relationship touches a documented
  // node): what is reached from an entity the caller names is synthetic only when that entity is.
  path: 'between two entities the caller names',
  pathElements: 'between two entities the caller names',
  paths: 'between two entities the caller names',
  subdistrictsOf: 'ids the caller names',
  neighbourhood: 'around an entity the caller names',
  hierarchy: 'below an organization or place the caller names',
  coverageElements: 'an area the caller names; its numbers (pairingCoverage) take the argument',
  savedViews: "the caller's saved views, not graph data",
};

describe('includeSynthetic on every root list', () => {
  const schema = buildSchema(loadSdl());
  const fields = Object.values(schema.getQueryType()!.getFields());
  const lists = fields.filter((field) => {
    const type = getNullableType(field.type);
    const named = getNamedType(field.type);
    if (isListType(type)) return true;
    if (!isObjectType(named)) return false;
    // A connection's nodes are a list (GraphSummary's `nodes` is a count).
    const nodes = named.getFields().nodes;
    return named.name === 'GraphElements' || (nodes !== undefined && isListType(getNullableType(nodes.type)));
  });

  it('finds the root lists', () => {
    expect(lists.map((f) => f.name)).toEqual(expect.arrayContaining(['search', 'organizations', 'pairings', 'findings', 'buildings']));
  });

  it('gives every root list that is not exempt includeSynthetic: Boolean = false', () => {
    const wrong = lists
      .filter((field) => !(field.name in EXEMPT))
      .filter((field) => {
        const arg = field.args.find((a) => a.name === 'includeSynthetic');
        return !arg || String(arg.type) !== 'Boolean' || arg.defaultValue !== false;
      })
      .map((field) => field.name);
    expect(wrong).toEqual([]);
  });

  it('exempts only fields that exist and lack the argument', () => {
    const byName = new Map(fields.map((f) => [f.name, f]));
    for (const name of Object.keys(EXEMPT)) {
      expect(byName.has(name), name).toBe(true);
      expect(
        byName.get(name)!.args.some((a) => a.name === 'includeSynthetic'),
        name,
      ).toBe(false);
    }
  });

  it('documents pairingCoverage, which is not a list, with the argument too', () => {
    const arg = schema
      .getQueryType()!
      .getFields()
      .pairingCoverage!.args.find((a) => a.name === 'includeSynthetic');
    expect(arg?.defaultValue).toBe(false);
  });
});
