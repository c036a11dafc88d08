/**
 * What the details panel lists under a relationship's properties (graph/entity-mapper.ts linkProperties):
 * its attributes, not the fields RelationshipInfo has of its own. Its basis used to be listed twice, as
 * the badge and again as a raw `basis: inferred` row.
 */
import { describe, expect, it } from 'vitest';
import { linkProperties } from '../../graph/entity-mapper.ts';

describe('linkProperties', () => {
  it('lists the attributes, lists joined with 、, and leaves out id, sources, synthetic and basis', () => {
    const listed = linkProperties({
      id: 'a|HOLDS_POSITION|b',
      synthetic: false,
      sourceDocuments: ['001.txt'],
      sourceQuotes: ['……'],
      basis: 'inferred',
      basisNote: 'the post is our reading',
      title: '党组织书记',
      levels: ['区', '街道'],
    });
    expect(listed).toEqual([
      { key: 'title', value: '党组织书记' },
      { key: 'levels', value: '区、街道' },
    ]);
  });
});
