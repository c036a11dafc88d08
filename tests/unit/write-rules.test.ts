/**
 * The write rules (graph/write-rules.ts) and the two doors that apply them: a mutation
 * (server/services/entities.ts, pairings.ts) and a spreadsheet import (data/exchange/import-checks.ts).
 * The table below gives both the same stored graph and the same write, and asks for the same verdict:
 * accepted, refused because the reference names nothing, or refused because it names the wrong kind.
 * No database: both doors judge what they have read, and here that is written out.
 */
import { describe, expect, it } from 'vitest';
import type { StoredEntity } from '../../data/exchange/graph-view.ts';
import { checkEntityRows, checkPairingRows, Problems } from '../../data/exchange/import-checks.ts';
import { areaCheck } from '../../data/exchange/import-scope.ts';
import { type EntityRow, headerOf, type PairingRow } from '../../data/exchange/parse-rows.ts';
import { ApiError } from '../../graph/errors.ts';
import {
  categoryOfKind,
  endsBeforeStart,
  linkId,
  newEntityProps,
  newLinkProps,
  PLACE,
  pairingEnd,
  parentOf,
  parentTypeOf,
  provenanceFrom,
  referenceRefusal,
  relationshipEndsMisfit,
  relationshipEndsRefusal,
  scopeTargets,
  spansOverlap,
  withSource,
} from '../../graph/write-rules.ts';
import type { Kind, PairingKind } from '../../schema/model.ts';
import { checkCreation, creationTargets } from '../../server/services/entities.ts';
import { checkPairingEnds, startTargets } from '../../server/services/pairings.ts';
import type { LockedEntity } from '../../server/services/write-refusals.ts';
import { firstOutside } from '../../server/write-guards.ts';

describe('write rules', () => {
  it('knows the category of a kind, and none for a name the model lacks', () => {
    expect(categoryOfKind('Branch')).toBe('Organization');
    expect(categoryOfKind('Village')).toBe('Place');
    expect(categoryOfKind('Enterprise')).toBe('Unit');
    expect(categoryOfKind('Martian')).toBeNull();
    expect(categoryOfKind('toString')).toBeNull();
  });

  it('hangs organizations by REPORTS_TO and places by PART_OF, others by nothing', () => {
    expect(parentTypeOf('Organization')).toBe('REPORTS_TO');
    expect(parentTypeOf('Place')).toBe('PART_OF');
    expect(parentTypeOf('Unit')).toBeNull();
    expect(parentTypeOf(null)).toBeNull();
  });

  it('gives a new link its id, no synthetic flag, what it says and its source', () => {
    const provenance = provenanceFrom({ document: '报告一', quote: '某句' });
    expect(linkId('a', 'GOVERNS', 'b')).toBe('a|GOVERNS|b');
    expect(newLinkProps('a', 'HOLDS_POSITION', 'b', provenance, { title: '书记' })).toEqual({
      id: 'a|HOLDS_POSITION|b',
      synthetic: false,
      title: '书记',
      sourceDocuments: ['报告一'],
      sourceQuotes: ['某句'],
    });
  });

  it('gives a new entity an English name only when one is given', () => {
    const provenance = provenanceFrom({ document: 'd', quote: 'q' });
    expect(newEntityProps({ id: 'x', kind: 'Branch', name: '某支部', nameEn: null }, provenance)).toEqual({
      id: 'x',
      kind: 'Branch',
      name: '某支部',
      synthetic: false,
      sourceDocuments: ['d'],
      sourceQuotes: ['q'],
    });
    expect(newEntityProps({ id: 'x', kind: 'Branch', name: '某支部', nameEn: 'A branch' }, provenance)).toMatchObject({
      nameEn: 'A branch',
    });
  });

  it('adds a source once: a document and sentence already there add nothing', () => {
    const stored = { sourceDocuments: ['d1'], sourceQuotes: ['q1'] };
    expect(withSource(stored, { document: 'd1', quote: 'q1' })).toBeNull();
    expect(withSource(stored, { document: 'd1', quote: 'q2' })).toEqual({ sourceDocuments: ['d1', 'd1'], sourceQuotes: ['q1', 'q2'] });
    expect(withSource({}, { document: 'd', quote: 'q' })).toEqual({ sourceDocuments: ['d'], sourceQuotes: ['q'] });
  });

  it('judges a reference: missing, of the wrong kind, or fitting', () => {
    expect(referenceRefusal(undefined, PLACE)).toEqual({ rule: 'UNKNOWN_REFERENCE' });
    expect(referenceRefusal('Village', PLACE)).toBeNull();
    expect(referenceRefusal('Branch', PLACE)).toEqual({ rule: 'WRONG_KIND', expected: ['Place'] });
    expect(referenceRefusal('Martian', parentOf('Branch'))).toEqual({ rule: 'WRONG_KIND', expected: ['Organization'] });
    expect(referenceRefusal('Enterprise', pairingEnd('UnitCommunity', 'from'))).toBeNull();
    expect(referenceRefusal('Village', pairingEnd('UnitCommunity', 'from'))).toEqual({
      rule: 'WRONG_KIND',
      expected: ['GovernmentUnit', 'Enterprise', 'SocialOrganization'],
    });
  });

  it("judges a relationship's ends by the model's categories for its type (reads rely on them: related-fields farCategory)", () => {
    expect(relationshipEndsRefusal('ON_CHAIN', { from: 'Enterprise', to: 'SubChain' })).toBeNull();
    expect(relationshipEndsRefusal('ON_CHAIN', { from: 'Village', to: 'IndustryChain' })).toEqual({
      end: 'from',
      refusal: { rule: 'WRONG_KIND', expected: ['Unit'] },
    });
    expect(relationshipEndsRefusal('ON_CHAIN', { from: 'GovernmentUnit', to: 'Village' })).toEqual({
      end: 'to',
      refusal: { rule: 'WRONG_KIND', expected: ['IndustryChain'] },
    });
    expect(relationshipEndsRefusal('MEMBER_OF', { from: 'Village', to: 'Alliance' })).toBeNull();
    expect(relationshipEndsRefusal('LOCATED_IN', { from: undefined, to: 'Village' })).toEqual({
      end: 'from',
      refusal: { rule: 'UNKNOWN_REFERENCE' },
    });
  });

  it('words a misfit end alike for every door that writes relationships from a file (import, restore)', () => {
    const kinds: Record<string, string> = { v1: 'Village', e1: 'Enterprise', c1: 'IndustryChain' };
    const kindOf = (id: string) => kinds[id];
    expect(relationshipEndsMisfit({ type: 'ON_CHAIN', from: 'v1', to: 'c1' }, kindOf)).toEqual({
      end: 'from',
      message: 'ON_CHAIN starts at Unit, and v1 is a Village',
    });
    expect(relationshipEndsMisfit({ type: 'ON_CHAIN', from: 'e1', to: 'v1' }, kindOf)).toEqual({
      end: 'to',
      message: 'ON_CHAIN ends at IndustryChain, and v1 is a Village',
    });
    expect(relationshipEndsMisfit({ type: 'ON_CHAIN', from: 'e1', to: 'c1' }, kindOf)).toBeNull();
    // An end that names nothing is each door's own refusal, not a misfit.
    expect(relationshipEndsMisfit({ type: 'ON_CHAIN', from: 'gone', to: 'c1' }, kindOf)).toBeNull();
  });

  it('refuses an interval that ends before it starts, never one with an unknown bound', () => {
    expect(endsBeforeStart('2024-03-01', '2024-02-29')).toBe(true);
    expect(endsBeforeStart('2024-03-01', '2024-03-01')).toBe(false);
    expect(endsBeforeStart(null, '2024-01-01')).toBe(false);
    expect(endsBeforeStart('2024-01-01', undefined)).toBe(false);
  });

  it('finds two intervals overlapping when they share a day, open ends included', () => {
    const span = (from: string | null, to: string | null) => ({ from, to });
    expect(spansOverlap(span('2024-01-01', '2024-06-30'), span('2024-06-30', null))).toBe(true);
    expect(spansOverlap(span('2024-01-01', '2024-06-30'), span('2024-07-01', null))).toBe(false);
    expect(spansOverlap(span(null, null), span('2030-01-01', '2030-01-02'))).toBe(true);
    expect(spansOverlap(span('2025-01-01', null), span(null, '2024-12-31'))).toBe(false);
  });

  it('names what a write must find inside an area, in the order a refusal names them', () => {
    expect(scopeTargets({ partner: 'e1', target: 'v1' })).toEqual([
      { role: 'target', id: 'v1' },
      { role: 'partner', id: 'e1' },
    ]);
    expect(scopeTargets({ subject: 'o1', parent: 'o2', currentParents: ['o3', 'o4'], governs: null })).toEqual([
      { role: 'subject', id: 'o1' },
      { role: 'parent', id: 'o2' },
      { role: 'currentParent', id: 'o3' },
      { role: 'currentParent', id: 'o4' },
    ]);
  });
});

// --- the same write through both doors -----------------------------------------------------------

/** The stored graph both doors read: one entity of each kind a case names, and one of a kind the model lacks. */
const STORED: Record<string, string> = {
  sw1: 'SubdistrictWorkingCommittee',
  sd1: 'Subdistrict',
  v1: 'Village',
  c1: 'Community',
  e1: 'Enterprise',
  g1: 'GovernmentUnit',
  x1: 'Martian',
};

type Verdict = 'accepted' | 'missing' | 'wrong kind';

const storedEntity = (id: string): StoredEntity => ({
  id,
  labels: ['Entity'],
  props: { id, kind: STORED[id], name: `名${id}` },
  links: [],
});
const locked = (id: string): LockedEntity => ({ id, node: { id, kind: STORED[id], name: `名${id}` }, parents: [] });
const origin = { file: 'rows.csv', row: 2 };
const source = { document: 'd', quote: 'q' };

/** What a mutation says: the first refusal its checks throw (code and argument), or accepted. */
function mutationVerdict(check: () => unknown): { verdict: Verdict; field?: string } {
  try {
    check();
    return { verdict: 'accepted' };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const { code, field } = error.extensions as { code: string; field: string };
    const verdict = code === 'NOT_FOUND' ? 'missing' : code === 'BAD_USER_INPUT' ? 'wrong kind' : `unexpected ${code}`;
    return { verdict: verdict as Verdict, field: field.replace(/^input\./, '') };
  }
}

/** What an import says: its first issue (code and column, named by key), or accepted. */
function importVerdict(
  problems: Problems,
  template: EntityRow['template'] | 'pairings',
  keys: string[],
): { verdict: Verdict; field?: string } {
  const [first] = problems.issues;
  if (!first) return { verdict: 'accepted' };
  const verdict = first.code === 'UNKNOWN_REFERENCE' ? 'missing' : first.code === 'WRONG_KIND' ? 'wrong kind' : `unexpected ${first.code}`;
  return { verdict: verdict as Verdict, field: keys.find((k) => headerOf(template, k) === first.column) };
}

const knownOf = (rows: EntityRow[]) => ({
  stored: new Map(Object.keys(STORED).map((id) => [id, storedEntity(id)])),
  firstOf: new Map(rows.map((r) => [r.id, r])),
});

describe('a new organization or place: the mutation and the import reach the same verdict', () => {
  const cases: { what: string; kind: Kind; parentId: string; governsPlaceId?: string; verdict: Verdict; field?: string }[] = [
    { what: 'a branch under a subdistrict committee', kind: 'Branch', parentId: 'sw1', verdict: 'accepted' },
    { what: 'a branch under a village', kind: 'Branch', parentId: 'v1', verdict: 'wrong kind', field: 'parentId' },
    { what: 'a branch under an enterprise', kind: 'Branch', parentId: 'e1', verdict: 'wrong kind', field: 'parentId' },
    { what: 'a branch under a kind the model lacks', kind: 'Branch', parentId: 'x1', verdict: 'wrong kind', field: 'parentId' },
    { what: 'a branch under nothing stored', kind: 'Branch', parentId: 'nobody', verdict: 'missing', field: 'parentId' },
    { what: 'a branch governing a village', kind: 'Branch', parentId: 'sw1', governsPlaceId: 'v1', verdict: 'accepted' },
    {
      what: 'a branch governing a committee',
      kind: 'Branch',
      parentId: 'sw1',
      governsPlaceId: 'sw1',
      verdict: 'wrong kind',
      field: 'governsPlaceId',
    },
    {
      what: 'a branch governing nothing stored',
      kind: 'Branch',
      parentId: 'sw1',
      governsPlaceId: 'nowhere',
      verdict: 'missing',
      field: 'governsPlaceId',
    },
    { what: 'a village in a subdistrict', kind: 'Village', parentId: 'sd1', verdict: 'accepted' },
    { what: 'a village under a committee', kind: 'Village', parentId: 'sw1', verdict: 'wrong kind', field: 'parentId' },
    { what: 'a community in nothing stored', kind: 'Community', parentId: 'nowhere', verdict: 'missing', field: 'parentId' },
  ];

  for (const c of cases) {
    it(`${c.what}: ${c.verdict}`, () => {
      const category = categoryOfKind(c.kind) as 'Organization' | 'Place';
      const write = { id: 'n1', parentId: c.parentId, governsPlaceId: c.governsPlaceId ?? null };
      const found = new Map(
        [write.id, write.parentId, write.governsPlaceId].filter((id) => id != null && id in STORED).map((id) => [id!, locked(id!)]),
      );
      const byMutation = mutationVerdict(() => checkCreation(found, write, category));

      const template = category === 'Organization' ? 'organizations' : 'places';
      const row: EntityRow = {
        template,
        origin,
        id: 'n1',
        kind: c.kind,
        name: '新',
        nameEn: null,
        parentId: c.parentId,
        governsPlaceId: c.governsPlaceId ?? null,
        locatedInId: null,
        positionAtId: null,
        title: null,
        source,
      };
      const problems = new Problems();
      checkEntityRows([row], knownOf([row]), problems);
      const byImport = importVerdict(problems, template, ['parentId', 'governsPlaceId']);

      const expected = c.verdict === 'accepted' ? { verdict: 'accepted' } : { verdict: c.verdict, field: c.field };
      expect(byMutation).toEqual(expected);
      expect(byImport).toEqual(expected);
    });
  }
});

describe('a new pairing: the mutation and the import reach the same verdict on its ends', () => {
  const cases: { kind: PairingKind; partnerId: string; targetId: string; verdict: Verdict; field?: string }[] = [
    { kind: 'EnterpriseVillage', partnerId: 'e1', targetId: 'v1', verdict: 'accepted' },
    { kind: 'EnterpriseVillage', partnerId: 'g1', targetId: 'v1', verdict: 'wrong kind', field: 'partnerId' },
    { kind: 'EnterpriseVillage', partnerId: 'e1', targetId: 'c1', verdict: 'wrong kind', field: 'targetId' },
    { kind: 'EnterpriseVillage', partnerId: 'nobody', targetId: 'v1', verdict: 'missing', field: 'partnerId' },
    { kind: 'EnterpriseVillage', partnerId: 'e1', targetId: 'nowhere', verdict: 'missing', field: 'targetId' },
    { kind: 'CommunityVillage', partnerId: 'c1', targetId: 'v1', verdict: 'accepted' },
    { kind: 'CommunityVillage', partnerId: 'v1', targetId: 'v1', verdict: 'wrong kind', field: 'partnerId' },
    { kind: 'UnitCommunity', partnerId: 'g1', targetId: 'c1', verdict: 'accepted' },
    { kind: 'UnitCommunity', partnerId: 'e1', targetId: 'c1', verdict: 'accepted' },
    { kind: 'UnitCommunity', partnerId: 'x1', targetId: 'c1', verdict: 'wrong kind', field: 'partnerId' },
  ];

  for (const c of cases) {
    it(`${c.kind} ${c.partnerId} → ${c.targetId}: ${c.verdict}`, () => {
      const found = new Map([c.partnerId, c.targetId].filter((id) => id in STORED).map((id) => [id, locked(id)]));
      const byMutation = mutationVerdict(() =>
        checkPairingEnds(
          found,
          { kind: c.kind, partnerId: c.partnerId, targetId: c.targetId },
          { partner: 'input.partnerId', target: 'input.targetId' },
        ),
      );

      const row: PairingRow = {
        template: 'pairings',
        origin,
        id: 'np1',
        kind: c.kind,
        partnerId: c.partnerId,
        targetId: c.targetId,
        programme: null,
        status: null,
        validFrom: '2024-01-01',
        validTo: null,
        reason: null,
        source,
      };
      const problems = new Problems();
      checkPairingRows([row], knownOf([]), new Map(), problems);
      const byImport = importVerdict(problems, 'pairings', ['partnerId', 'targetId']);

      const expected = c.verdict === 'accepted' ? { verdict: 'accepted' } : { verdict: c.verdict, field: c.field };
      expect(byMutation).toEqual(expected);
      expect(byImport).toEqual(expected);
    });
  }
});

describe('an editor’s area: the mutation and the import refuse the same write for the same entity outside', () => {
  /** The import's area check over the stored graph, with `outside` the stored ids the area query put outside. */
  const importOutside = (row: EntityRow | PairingRow, outside: string[]) => {
    const entityRows = row.template === 'pairings' ? [] : [row];
    const known = knownOf(entityRows);
    const facts = {
      known,
      scope: 'area',
      touched: new Set(known.stored.keys()),
      outside: new Set(outside),
      positions: new Map(),
      entityRows,
    };
    return areaCheck(facts, new Problems()).outsideOf(row)?.[0] ?? null;
  };
  const field = (name: string | undefined) => name?.replace(/^input\./, '') ?? null;

  const creations: { parentId: string; governsPlaceId: string | null; outside: string[]; refused: string | null }[] = [
    { parentId: 'sw1', governsPlaceId: 'v1', outside: [], refused: null },
    { parentId: 'sw1', governsPlaceId: 'v1', outside: ['sw1'], refused: 'parentId' },
    { parentId: 'sw1', governsPlaceId: 'v1', outside: ['v1'], refused: 'governsPlaceId' },
    { parentId: 'sw1', governsPlaceId: 'v1', outside: ['sw1', 'v1'], refused: 'parentId' },
    { parentId: 'sw1', governsPlaceId: null, outside: ['v1', 'e1'], refused: null },
  ];
  for (const c of creations) {
    it(`a new branch under ${c.parentId}${c.governsPlaceId ? ` governing ${c.governsPlaceId}` : ''}, outside: [${c.outside}]: ${c.refused ?? 'inside'}`, () => {
      const byMutation = field(firstOutside(creationTargets(c), new Set(c.outside))?.field);
      const row: EntityRow = {
        template: 'organizations',
        origin,
        id: 'n1',
        kind: 'Branch',
        name: '新',
        nameEn: null,
        parentId: c.parentId,
        governsPlaceId: c.governsPlaceId,
        locatedInId: null,
        positionAtId: null,
        title: null,
        source,
      };
      expect(byMutation).toBe(c.refused);
      expect(importOutside(row, c.outside)).toBe(c.refused);
    });
  }

  const pairings: { outside: string[]; refused: string | null }[] = [
    { outside: [], refused: null },
    { outside: ['e1'], refused: 'partnerId' },
    { outside: ['v1'], refused: 'targetId' },
    { outside: ['e1', 'v1'], refused: 'targetId' },
  ];
  for (const c of pairings) {
    it(`a new pairing e1 → v1, outside: [${c.outside}]: ${c.refused ?? 'inside'}`, () => {
      const fields = { id: 'input.id', partner: 'input.partnerId', target: 'input.targetId' };
      const byMutation = field(firstOutside(startTargets({ partnerId: 'e1', targetId: 'v1' }, fields), new Set(c.outside))?.field);
      const row: PairingRow = {
        template: 'pairings',
        origin,
        id: 'np1',
        kind: 'EnterpriseVillage',
        partnerId: 'e1',
        targetId: 'v1',
        programme: null,
        status: null,
        validFrom: '2024-01-01',
        validTo: null,
        reason: null,
        source,
      };
      expect(byMutation).toBe(c.refused);
      expect(importOutside(row, c.outside)).toBe(c.refused);
    });
  }
});
