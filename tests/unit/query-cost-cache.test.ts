/**
 * The cost estimate is remembered per document and variables (server/query-cost.ts costCache): the same
 * variables sent with their keys in another order, at any depth, are the same question and must not be
 * estimated again; different values must.
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../../server/graphql-cjs.ts';
import { loadSdl } from '../../server/graphql-schema.ts';
import { costCache, estimateCost } from '../../server/query-cost.ts';

const schema = graphql.buildSchema(loadSdl());
const document = graphql.parse('query($id: ID, $name: String) { organization(id: $id, name: $name) { id name } }');

describe('costCache', () => {
  it('estimates once for the same variables in any key order, again for other values', () => {
    let estimates = 0;
    const costOf = costCache((...args) => {
      estimates += 1;
      return estimateCost(...args);
    });
    const first = costOf(schema, document, { id: 'a', name: null, filter: { b: 1, a: [{ y: 2, x: 1 }] } });
    const reordered = costOf(schema, document, { filter: { a: [{ x: 1, y: 2 }], b: 1 }, name: null, id: 'a' });
    expect(reordered).toBe(first);
    expect(estimates).toBe(1);
    costOf(schema, document, { id: 'b', name: null, filter: { b: 1, a: [{ y: 2, x: 1 }] } });
    expect(estimates).toBe(2);
  });

  it('gives what estimateCost gives', () => {
    const costOf = costCache();
    expect(costOf(schema, document, { id: 'a' })).toBe(estimateCost(schema, document, { id: 'a' }));
  });
});
