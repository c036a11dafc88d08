import { describe, expect, it } from 'vitest';
import { buildSeedGraph } from '../../data/read-seed.ts';
import { linkProperties, toEntity } from '../../graph/entity-mapper.ts';
import { KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../schema/model.ts';
import { KIND_EN, MESSAGES, RELATIONSHIP_EN } from '../../web/src/i18n.ts';
import { PROPERTY_NAMES } from '../../web/src/property-names.ts';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Messages whose English text is meant to be Chinese: the switch names the language it switches to. */
const CHINESE_ON_PURPOSE = new Set(['lang.switch']);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('English strings', () => {
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES.en;

  it('exist for every zh-CN key, are not empty, and have the same placeholders', () => {
    const missing = Object.keys(zh).filter((key) => typeof en[key as keyof typeof en] !== 'string');
    expect(missing).toEqual([]);
    const empty = Object.entries(en)
      .filter(([, text]) => text.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
    const mismatched = Object.keys(zh).filter(
      (key) => JSON.stringify(placeholders(zh[key as keyof typeof zh])) !== JSON.stringify(placeholders(en[key as keyof typeof en])),
    );
    expect(mismatched).toEqual([]);
  });

  it('are not left in Chinese', () => {
    const chinese = Object.entries(en)
      .filter(([key, text]) => HAN.test(text) && !CHINESE_ON_PURPOSE.has(key))
      .map(([key, text]) => `${key}: ${text}`);
    expect(chinese).toEqual([]);
  });

  it('have no Chinese message left empty either', () => {
    expect(
      Object.entries(zh)
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => key),
    ).toEqual([]);
  });

  it('name every kind and relationship type of the model', () => {
    expect(KIND_NAMES.filter((k) => !KIND_EN[k] || HAN.test(KIND_EN[k]!))).toEqual([]);
    expect(RELATIONSHIP_TYPE_NAMES.filter((r) => !RELATIONSHIP_EN[r] || HAN.test(RELATIONSHIP_EN[r]!))).toEqual([]);
  });
});

describe('property labels', () => {
  // Every key the details panel lists for a documented entity or relationship, as the API lists it
  // (graph/entity-mapper.ts toEntity, linkProperties: what is not a field of its own), including keys
  // stored beside `props` in the YAML (an entity's aliases, a post's asOf).
  const graph = buildSeedGraph();
  const keys = new Set<string>();
  for (const node of graph.nodes) for (const { key } of toEntity(node.props).properties) keys.add(key);
  for (const rel of graph.relationships) for (const { key } of linkProperties(rel.props)) keys.add(key);

  it('cover every property key the seed data stores, in Chinese and in English', () => {
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys].filter((key) => !PROPERTY_NAMES[key]).sort();
    expect(missing).toEqual([]);
  });

  it('are Chinese in Chinese and English in English, never the camelCase key', () => {
    const wrong = Object.entries(PROPERTY_NAMES)
      .filter(([key, { zh, en }]) => !HAN.test(zh) || HAN.test(en) || en === key || /[a-z][A-Z]/.test(en))
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
