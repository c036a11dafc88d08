/**
 * The benchmark's check that ours and the peer answer the same question (bench/sections/peer-answers.ts):
 * the nested question's answers, ours and the peer's field names, in different orders, are the same
 * data; a peer answer that leaves out a place governed (not covered) or a pairing with a community
 * partner (the defect: the peer followed COVERS only and took partners only from units) differs.
 */
import { describe, expect, it } from 'vitest';
import { compareAnswers, formatCounts } from '../../bench/sections/peer-answers.ts';

const pairing = (id: string) => ({ id, status: 'active', validFrom: '2024-01-01' });
const ours = {
  organization: {
    name: '区委',
    children: {
      nodes: [
        {
          name: '街道工委',
          children: {
            nodes: [
              { name: '联村党委', covers: { nodes: [{ name: '甲村', pairings: [pairing('p1'), pairing('p2')] }] } },
              { name: '村党支部', covers: { nodes: [{ name: '乙村', pairings: [pairing('p3')] }] } },
            ],
          },
        },
      ],
    },
  },
};
const edges = (...ids: string[]) => ({ edges: ids.map((id) => ({ properties: pairing(id) })) });
const peer = (villagesGoverned: boolean, secondPairing: boolean) => ({
  organizations: [
    {
      name: '区委',
      children: [
        {
          name: '街道工委',
          children: [
            // Another order, another field name: the same data.
            { name: '村党支部', covers: [], governs: villagesGoverned ? [{ name: '乙村', pairedByConnection: edges('p3') }] : [] },
            {
              name: '联村党委',
              covers: [{ name: '甲村', pairedByConnection: secondPairing ? edges('p2', 'p1') : edges('p1') }],
              governs: [],
            },
          ],
        },
      ],
    },
  ],
});

describe('the peer answers the same question (bench)', () => {
  it('finds the same data in both answers, whatever their field names and order', () => {
    const check = compareAnswers('nested', ours, peer(true, true));
    expect(check.same).toBe(true);
    expect(formatCounts(check)).toBe('villages 2/2, pairings 3/3, organizations (level 3) 2/2, organizations (level 2) 1/1');
  });

  it('tells a smaller answer apart, with the counts of each level', () => {
    const coversOnly = compareAnswers('nested', ours, peer(false, true));
    expect(coversOnly.same).toBe(false);
    expect(coversOnly.peer.villages).toBe(1);
    const unitPartnersOnly = compareAnswers('nested', ours, peer(true, false));
    expect(unitPartnersOnly.same).toBe(false);
    expect(unitPartnersOnly.difference).toMatch(/pairings: 2 items \(ours\) vs 1 \(peer\)/);
  });
});
