/**
 * What planners ask of a joint committee and of a village (#20): the villages a 联合党委 covers with
 * their pairing status today, and for a village its covering committee, its governing branch and its
 * partners, current and past, with dates. Asked only for those kinds, once per entity.
 */
import { gql } from './api.ts';
import { h } from './dom.ts';
import {
  CoveredPlacesDocument,
  type CoveredPlacesQuery,
  type PlacePairingsFragment,
  PlaceTiesDocument,
  type PlaceTiesQuery,
} from './generated/graphql.ts';
import { t } from './i18n.ts';
import type { EntityRef, Flat } from './queries.ts';

type PairingRow = PlacePairingsFragment['pairings'][number];
type Covered = NonNullable<CoveredPlacesQuery['organization']>['covers'];
/** A joint committee's places (`covered`), or a village's or community's ties (the rest). */
export type CoverageDetails = { covered?: { totalCount: number; nodes: Flat<Covered['nodes'][number]>[] } } & Partial<
  NonNullable<PlaceTiesQuery['place']>
>;

const COVERED_PAGE = 200;

/** Kinds the panel asks more of: a joint committee's villages, a village's or community's ties. */
export const hasCoverageDetails = (kind: string) => kind === 'JointCommittee' || kind === 'Village' || kind === 'Community';

export async function coverageDetails(id: string, kind: string, signal?: AbortSignal): Promise<CoverageDetails | null> {
  if (kind === 'JointCommittee') {
    const data = await gql(CoveredPlacesDocument, { id, first: COVERED_PAGE }, signal);
    return data.organization ? { covered: data.organization.covers } : null;
  }
  const data = await gql(PlaceTiesDocument, { id }, signal);
  return data.place;
}

/** paired: some pairing active today; ended: only past ones; unpaired: none. */
function statusOf(pairings: readonly PairingRow[] | undefined): 'paired' | 'ended' | 'unpaired' {
  if (!pairings || pairings.length === 0) return 'unpaired';
  return pairings.some((p) => p.activeOn) ? 'paired' : 'ended';
}

const dates = (p: PairingRow) => `${p.validFrom ?? '?'} – ${p.activeOn ? t('details.untilNow') : (p.validTo ?? '?')}`;

/** The sections to add to the panel; `link` draws an entity as a button that selects it. */
export function coverageSections(details: CoverageDetails, link: (entity: EntityRef) => Node): Node[] {
  const sections: Node[] = [];
  const refs = (title: string, testId: string, list: EntityRef[] | undefined) => {
    if (list && list.length > 0)
      sections.push(
        h('div', { 'data-testid': testId }, h('h3', {}, title), h('ul', { class: 'plain' }, ...list.map((e) => h('li', {}, link(e))))),
      );
  };
  if (details.covered) {
    const { nodes, totalCount } = details.covered;
    sections.push(
      h(
        'div',
        { 'data-testid': 'covered-villages' },
        h('h3', {}, t('details.coveredPlaces', { n: String(totalCount) })),
        h(
          'ul',
          { class: 'plain' },
          ...nodes.map((place) => {
            const status = statusOf(place.pairings);
            return h(
              'li',
              { 'data-status': status },
              link(place),
              ' · ',
              h('span', { class: `pairing-${status}` }, t(`pairing.${status}`)),
            );
          }),
        ),
        totalCount > nodes.length ? h('p', { class: 'hint' }, t('details.firstN', { n: String(nodes.length) })) : null,
      ),
    );
  }
  refs(t('details.coveredBy'), 'covered-by', details.coveredBy);
  refs(t('details.governedBy'), 'governed-by', details.governedBy);
  if (details.pairings && details.pairings.length > 0) {
    const sorted = [...details.pairings].sort(
      (a, b) => Number(b.activeOn) - Number(a.activeOn) || (b.validFrom ?? '').localeCompare(a.validFrom ?? ''),
    );
    sections.push(
      h(
        'div',
        { 'data-testid': 'partners' },
        h('h3', {}, t('details.partners')),
        h(
          'ul',
          { class: 'plain' },
          ...sorted.map((p) =>
            h(
              'li',
              { 'data-active': String(p.activeOn) },
              link(p.partner),
              ' · ',
              h(
                'span',
                { class: `pairing-${p.activeOn ? 'paired' : 'ended'}` },
                t(p.activeOn ? 'details.partnerNow' : 'details.partnerPast'),
              ),
              ' ',
              h('span', { class: 'hint' }, dates(p)),
            ),
          ),
        ),
      ),
    );
  }
  return sections;
}
