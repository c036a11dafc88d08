/**
 * The generated GraphQL contracts are current: schema/kinds.generated.graphql states exactly the kinds
 * and relationship types of schema/model.ts, and the resolver types (server/generated/graphql.ts) are
 * what GraphQL Code Generator writes from today's SDL, and so are the viewer's document types
 * (web/src/generated/graphql.ts, from web/src/documents/*.graphql); npm run generate:contracts rewrites them.
 */
import { buildSchema, isEnumType, isNonNullType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../schema/model.ts';
import { graphqlContracts, staleFiles } from '../../scripts/generate-contracts.ts';
import { loadSdl } from '../../server/graphql-schema.ts';

describe('generated GraphQL contracts', () => {
  const schema = buildSchema(loadSdl());

  it('the Kind and RelationshipType enums are the model’s kinds and relationship types', () => {
    const values = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((v) => v.name);
    };
    expect(values('Kind')).toEqual(KIND_NAMES);
    expect(values('RelationshipType')).toEqual(RELATIONSHIP_TYPE_NAMES);
  });

  it('keeps the kind fields String, so unknown kinds still get the API’s BAD_USER_INPUT (scripts/kinds-sdl.ts)', () => {
    const organization = schema.getType('Organization');
    const kind = organization && 'getFields' in organization ? organization.getFields().kind?.type : undefined;
    expect(kind && isNonNullType(kind) && isScalarType(kind.ofType) && kind.ofType.name).toBe('String');
  });

  it('are what the generator writes from today’s SDL and model', async () => {
    const generated = await graphqlContracts();
    expect([...generated.keys()].sort()).toEqual([
      'schema/kinds.generated.graphql',
      'server/generated/graphql.ts',
      'web/src/generated/graphql.ts',
    ]);
    expect(staleFiles(generated)).toEqual([]);
  });
});
