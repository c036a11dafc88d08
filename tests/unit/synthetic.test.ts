/** The synthetic generator: deterministic, marked synthetic, shaped like the documented model. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSynthetic, type Scale } from '../../data/synthetic/generate.ts';
import { type Category, isKind, KINDS, RELATIONSHIP_TYPES, type RelationshipType } from '../../schema/model.ts';

function all(seed: number, scale: Scale) {
  const nodes = [];
  const relationships = [];
  const claims = [];
  for (const chunk of generateSynthetic({ seed, scale })) {
    nodes.push(...chunk.nodes);
    relationships.push(...chunk.relationships);
    claims.push(...chunk.claims);
  }
  return { nodes, relationships, claims };
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('synthetic generator', () => {
  const city = all(42, 'city');
  const kindOf = new Map(city.nodes.map((n) => [n.id, String(n.props.kind)]));

  it('is deterministic: the same seed gives the same graph, another seed another', () => {
    expect(hash(all(42, 'city'))).toBe(hash(city));
    expect(hash(all(43, 'city'))).not.toBe(hash(city));
  });

  it('makes a city of about 2×10^4 nodes and a province of at least 10^6 nodes and 2×10^6 relationships', () => {
    expect(city.nodes.length).toBeGreaterThan(15_000);
    expect(city.nodes.length).toBeLessThan(30_000);
    let nodes = 0;
    let relationships = 0;
    for (const chunk of generateSynthetic({ seed: 1, scale: 'province' })) {
      nodes += chunk.nodes.length;
      relationships += chunk.relationships.length;
    }
    expect(nodes).toBeGreaterThanOrEqual(1_000_000);
    expect(relationships).toBeGreaterThanOrEqual(2_000_000);
  });

  it('marks everything synthetic, in its own id space, with provenance', () => {
    for (const node of city.nodes) {
      expect(node.id.startsWith('syn-42-')).toBe(true);
      expect(node.labels).toContain('Synthetic');
      expect(node.props.synthetic).toBe(true);
      expect(String(node.props.name).startsWith('合成·') || node.props.kind === 'LeadershipRole').toBe(true);
      expect(node.props.sourceDocuments).toEqual(['synthetic:seed=42']);
    }
    expect(new Set(city.nodes.map((n) => n.id)).size).toBe(city.nodes.length);
    expect(new Set(city.relationships.map((r) => r.id)).size).toBe(city.relationships.length);
    for (const rel of city.relationships) expect(rel.props.synthetic).toBe(true);
    expect(city.nodes.some((n) => n.props.kind === 'Person')).toBe(false); // never invent people
  });

  it('respects the model: every relationship joins the categories its type allows, every end exists', () => {
    const categoryOf = (id: string): Category => {
      const kind = kindOf.get(id);
      expect(kind, id).toBeDefined();
      expect(isKind(kind!)).toBe(true);
      return KINDS[kind as keyof typeof KINDS].category;
    };
    for (const rel of city.relationships) {
      const rule = RELATIONSHIP_TYPES[rel.type as RelationshipType];
      expect(rule, rel.type).toBeDefined();
      expect(rule.from as readonly string[]).toContain(categoryOf(rel.from));
      expect(rule.to as readonly string[]).toContain(categoryOf(rel.to));
    }
  });

  it('has joint committees over 3–9 villages, and pairings over part of the villages, some ended and re-matched', () => {
    const covers = new Map<string, number>();
    for (const rel of city.relationships) if (rel.type === 'COVERS') covers.set(rel.from, (covers.get(rel.from) ?? 0) + 1);
    expect(covers.size).toBeGreaterThan(10);
    for (const count of covers.values()) {
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(9);
    }
    const villages = city.nodes.filter((n) => n.props.kind === 'Village').length;
    const pairings = city.relationships.filter((r) => r.props.kind === 'EnterpriseVillage');
    const activeVillages = new Set(pairings.filter((p) => p.props.status === 'active').map((p) => p.to));
    expect(activeVillages.size / villages).toBeGreaterThan(0.5);
    expect(activeVillages.size / villages).toBeLessThan(0.9);
    const ended = pairings.filter((p) => p.props.status === 'ended');
    expect(ended.length).toBeGreaterThan(0);
    for (const p of ended) expect(String(p.props.validTo) >= String(p.props.validFrom)).toBe(true);
    expect(pairings.some((p) => ended.some((e) => e.id === p.props.replaces))).toBe(true);
    expect(city.relationships.some((r) => r.props.kind === 'CommunityVillage')).toBe(true);
    expect(city.relationships.some((r) => r.props.kind === 'UnitCommunity')).toBe(true);
  });

  it('plants the gaps audits must find: chains with no leader, buildings with enterprises but no committee', () => {
    const led = new Set(city.relationships.filter((r) => r.type === 'LEADS' && kindOf.get(r.from) === 'LeadershipRole').map((r) => r.to));
    const chains = city.nodes.filter((n) => n.props.kind === 'IndustryChain');
    expect(chains.some((c) => !led.has(c.id))).toBe(true);
    expect(chains.some((c) => led.has(c.id))).toBe(true);
    const withCommittee = new Set(
      city.relationships.filter((r) => r.type === 'LOCATED_IN' && kindOf.get(r.from) === 'BuildingCommittee').map((r) => r.to),
    );
    const towers = city.nodes.filter((n) => n.props.kind === 'CommercialBuilding');
    expect(towers.some((t) => !withCommittee.has(t.id))).toBe(true);
  });
});
