/** The SDL in schema/ builds, and every type, field, argument and enum value is documented. */
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSdl } from '../../server/graphql-schema.ts';
import { MAX_PATH_LENGTH } from '../../server/services/paths.ts';

describe('GraphQL schema', () => {
  const schema = buildSchema(loadSdl());

  it('documents every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('asks every path question with the same arguments (path, pathElements, paths: one rule, services/paths.ts checkPathQuestion)', () => {
    const query = schema.getQueryType()!.getFields();
    const shape = (name: string) =>
      query[name]!.args.filter((a) => a.name !== 'k').map((a) => [a.name, String(a.type), a.defaultValue, a.description]);
    expect(shape('pathElements')).toEqual(shape('path'));
    expect(shape('paths')).toEqual(shape('path'));
    const maxLength = query.path!.args.find((a) => a.name === 'maxLength')!;
    expect(maxLength.description).toContain(`1–${MAX_PATH_LENGTH} steps`);
  });

  it('has the root fields the users were promised, with these names', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['search', 'entity', 'organization', 'place', 'industryChains', 'pairingCoverage', 'path', 'neighbourhood']) {
      expect(query[name], name).toBeDefined();
    }
    expect(String(query.pairingCoverage!.type)).toBe('Coverage!');
    expect(String(query.neighbourhood!.type)).toBe('GraphElements!');
  });
});
