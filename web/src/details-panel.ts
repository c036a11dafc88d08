/**
 * The details panel: for the selected node or edge, its properties, the figures its reports state
 * (with what the graph counts), and the sources — report file and the sentence, word for word — so
 * every fact on screen can be traced to its report. Beside every quote: the report's date and how the
 * record is known (its basis, #17); a toggle hides whatever a report does not state outright.
 */
import { describeError, isAbort } from './api.ts';
import { type CoverageDetails, coverageDetails, coverageSections, hasCoverageDetails } from './details-coverage.ts';
import { h, replaceChildren } from './dom.ts';
import { formatNumber, kindName, type MessageKey, propertyName, relationshipName, t } from './i18n.ts';
import {
  type Claim,
  type EntityDetails,
  type EntityRef,
  entityDetails,
  type Provenance,
  type RelationshipDetails,
  relationshipDetails,
  reportOutlets,
  type Source,
} from './queries.ts';
import { readStatedOnly, writeStatedOnly } from './stated-only.ts';
import { kindBadgeStyle } from './style.ts';

export type DetailsAction = 'centre' | 'hierarchy' | 'coverage' | 'pathFrom' | 'pathTo' | 'select';

export interface DetailsPanel {
  showNode(id: string, extra?: { pairing?: string | null }): Promise<void>;
  showEdge(id: string): Promise<void>;
  clear(): void;
  /** Redraws what is shown in the current language. */
  refreshText(): void;
}

const AREA_CATEGORIES = new Set(['Organization', 'Place', 'Alliance']);
const CATEGORY_OF_TYPENAME: Record<string, string> = { LeadershipRole: 'Role' };

const BASES = new Set(['stated', 'composedName', 'institutional', 'inferred']);

const basisText = (basis: string | null | undefined) =>
  t(`provenance.basis.${basis && BASES.has(basis) ? basis : 'unknown'}` as 'provenance.basis.stated');

/** The record's basis as a badge; its note (why, when not stated) on hover. */
function basisBadge(record: Provenance): HTMLElement {
  return h(
    'span',
    { class: `basis basis-${record.basis ?? 'unknown'}`, 'data-testid': 'basis', title: record.basisNote ?? '' },
    `${t('provenance.basis')}：${basisText(record.basis)}`,
  );
}

function dateText(source: Source): string {
  if (!source.date) return t('provenance.noDate');
  return t(source.undated ? 'provenance.undated' : 'provenance.date', { date: source.date });
}

/** Each report's outlet by file name (documents), asked once when the first source is shown. */
let outlets: Map<string, string> | null = null;
let outletsAsked = false;
const outletsLoaded = new Set<() => void>();

function outletOf(file: string): string | undefined {
  if (!outletsAsked) {
    outletsAsked = true;
    reportOutlets()
      .then((found) => {
        outlets = found;
        for (const done of outletsLoaded) done();
      })
      .catch(() => {
        outletsAsked = false;
      });
  }
  return outlets?.get(file);
}

/**
 * One quote with its report — cited as a planner can quote it, by headline, outlet and date (the file
 * name on hover, for auditors) — and how the record is known.
 */
function sourceFigure(source: Source, record: Provenance): HTMLElement {
  const outlet = outletOf(source.document);
  return h(
    'figure',
    { class: 'source' },
    h('blockquote', {}, source.quote),
    h(
      'figcaption',
      { class: 'document' },
      h(
        'cite',
        { class: 'source-title', title: source.document, 'data-testid': 'source-title' },
        source.title ? `《${source.title}》` : source.document,
      ),
      outlet ? ` · ${outlet}` : '',
      ' · ',
      h('span', { class: 'source-date', 'data-testid': 'source-date' }, dateText(source)),
      ' · ',
      basisBadge(record),
    ),
  );
}

function sourcesList(sources: Source[], record: Provenance): HTMLElement {
  if (sources.length === 0) return h('p', { class: 'hint' }, t('details.noSources'));
  return h('div', { 'data-testid': 'sources' }, ...sources.map((source) => sourceFigure(source, record)));
}

const isStated = (record: Provenance) => record.basis === 'stated';
const hiddenNote = (record: Provenance) =>
  h('p', { class: 'hint', 'data-testid': 'hidden-not-stated' }, t('provenance.hidden', { basis: basisText(record.basis) }));

function kindBadge(kind: string): HTMLElement {
  return h('span', { class: 'kind-badge', style: kindBadgeStyle(kind) }, kindName(kind));
}

function claimCard(claim: Claim, statedOnly: boolean): HTMLElement {
  if (statedOnly && !isStated(claim)) return hiddenNote(claim);
  return h(
    'div',
    { class: 'claim' },
    h(
      'div',
      {},
      h('strong', {}, claim.statement),
      ' ',
      h('span', { class: `claim-status ${claim.status}` }, t(`claim.${claim.status}` as 'claim.MATCHES')),
    ),
    h(
      'div',
      { class: 'hint' },
      `${t('details.stated')} ${formatNumber(claim.value)}`,
      claim.graphValue == null ? '' : ` · ${t('details.graphValue')} ${formatNumber(claim.graphValue)}`,
      claim.asOf ? ` · ${t('provenance.asOf', { date: claim.asOf })}` : '',
    ),
    // A question the reports leave open about the number (finding rule to-check): said before the quote.
    ...(claim.toCheck ? [h('p', { class: 'to-check', 'data-testid': 'to-check' }, `${t('details.toCheck')}：${claim.toCheck}`)] : []),
    ...claim.sources.map((source) => sourceFigure(source, claim)),
  );
}

export function createDetailsPanel(element: HTMLElement, onAction: (action: DetailsAction, entity: EntityRef) => void): DetailsPanel {
  let controller: AbortController | undefined;
  let redraw: () => void = () => {};
  // The outlets arrive after the first source is drawn: the panel is drawn again with them.
  outletsLoaded.add(() => redraw());
  let statedOnly = readStatedOnly();
  /** The shown entity's coverage details (details-coverage.ts), kept for redraws; asked again on the next show. */
  let coverage: { id: string; details: CoverageDetails } | null = null;

  /** A holder filled with a joint committee's villages or a village's ties once they arrive. */
  const coverageHolder = (entity: EntityDetails) => {
    if (!hasCoverageDetails(entity.kind)) return null;
    const holder = h('div', { 'data-testid': 'coverage-details' });
    const fill = (details: CoverageDetails) => holder.replaceChildren(...coverageSections(details, entityLink));
    if (coverage?.id === entity.id) fill(coverage.details);
    else {
      const signal = controller?.signal;
      coverageDetails(entity.id, entity.kind, signal)
        .then((details) => {
          if (!details || signal?.aborted) return;
          coverage = { id: entity.id, details };
          fill(details);
        })
        .catch((error) => {
          if (!isAbort(error)) holder.replaceChildren(h('p', { class: 'hint', role: 'alert' }, describeError(error)));
        });
    }
    return holder;
  };

  /** The toggle that hides every record, claim, quote and graph element a report does not state outright. */
  const statedOnlyToggle = () =>
    h(
      'label',
      { class: 'stated-only' },
      h('input', {
        type: 'checkbox',
        'data-testid': 'stated-only',
        checked: statedOnly,
        onchange: (event: Event) => {
          statedOnly = (event.target as HTMLInputElement).checked;
          writeStatedOnly(statedOnly);
          redraw();
        },
      }),
      ' ',
      t('provenance.statedOnly'),
    );

  const entityLink = (entity: EntityRef) =>
    h(
      'button',
      { type: 'button', class: 'link', onclick: () => onAction('select', entity) },
      entity.name,
      ' ',
      h('span', { class: 'hint' }, `(${kindName(entity.kind)})`),
    );

  const drawEntity = (entity: EntityDetails, pairing: string | null | undefined) => {
    const category = CATEGORY_OF_TYPENAME[entity.__typename] ?? entity.__typename;
    const actions = h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'small', onclick: () => onAction('centre', entity) }, t('network.centre')),
      category === 'Organization' || category === 'Place'
        ? h('button', { type: 'button', class: 'small', onclick: () => onAction('hierarchy', entity) }, t('menu.hierarchy'))
        : null,
      AREA_CATEGORIES.has(category)
        ? h('button', { type: 'button', class: 'small', onclick: () => onAction('coverage', entity) }, t('menu.coverage'))
        : null,
      h('button', { type: 'button', class: 'small', onclick: () => onAction('pathFrom', entity) }, t('menu.pathFrom')),
      h('button', { type: 'button', class: 'small', onclick: () => onAction('pathTo', entity) }, t('menu.pathTo')),
    );
    const props: [string, Node | string][] = [
      [t('details.id'), entity.id],
      [t('details.kind'), kindName(entity.kind)],
    ];
    if (entity.nameEn) props.push([t('details.nameEn'), entity.nameEn]);
    if (pairing)
      props.push([t('details.pairing'), h('span', { class: `pairing-${pairing}` }, t(`pairing.${pairing}` as 'pairing.paired'))]);
    if (entity.holder) props.push([t('details.holder'), entity.holder]);
    if (entity.organization) props.push([t('details.organization'), entityLink(entity.organization)]);
    if (entity.siteType) props.push([propertyName('siteType'), entity.siteType]);
    for (const property of entity.properties) props.push([propertyName(property.key), property.value]);
    if (entity.parentLink) props.push([t('details.parent'), entityLink(entity.parentLink.node)]);
    if (entity.ancestors && entity.ancestors.length > 0) {
      props.push([t('details.ancestors'), h('span', {}, ...entity.ancestors.flatMap((a, i) => [i > 0 ? ' › ' : '', entityLink(a)]))]);
    }
    replaceChildren(
      element,
      h(
        'div',
        { class: 'details', 'data-testid': 'details', 'data-id': entity.id },
        h('h2', {}, entity.name),
        h(
          'p',
          { class: 'subtitle' },
          kindBadge(entity.kind),
          entity.synthetic ? h('span', { class: 'synthetic-badge' }, t('details.synthetic')) : null,
        ),
        actions,
        statedOnlyToggle(),
        h('p', { class: 'provenance' }, basisBadge(entity)),
        ...(statedOnly && !isStated(entity) ? [hiddenNote(entity)] : entityBody(entity, props)),
      ),
    );
  };

  /** A titled part of the panel, left out when there is nothing to list. */
  const titledList = <T>(title: MessageKey, items: readonly T[] | null | undefined, list: (items: readonly T[]) => Node) =>
    items && items.length > 0 ? h('div', {}, h('h3', {}, t(title)), list(items)) : null;

  /** Everything below the heading: hidden as a whole when the record itself is not stated. */
  const entityBody = (entity: EntityDetails, props: [string, Node | string][]) => [
    h('h3', {}, t('details.properties')),
    h('dl', { class: 'props' }, ...props.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, value)])),
    coverageHolder(entity),
    titledList('details.descendants', entity.descendantCounts, (counts) =>
      h('dl', { class: 'props' }, ...counts.flatMap((c) => [h('dt', {}, kindName(c.kind)), h('dd', {}, formatNumber(c.count))])),
    ),
    titledList('details.leaders', entity.leaders, (leaders) =>
      h(
        'ul',
        { class: 'plain' },
        ...leaders.map((leader) =>
          h(
            'li',
            {},
            h('strong', {}, leader.role),
            ' ',
            leader.holder ?? '',
            leader.organization ? ' · ' : '',
            leader.organization ? entityLink(leader.organization) : null,
          ),
        ),
      ),
    ),
    entity.claims.length > 0 ? h('h3', {}, t('details.claims')) : null,
    ...entity.claims.map((claim) => claimCard(claim, statedOnly)),
    h('h3', {}, t('details.sources')),
    sourcesList(entity.sources, entity),
    entity.parentLink && entity.parentLink.sources.length > 0 ? h('h3', {}, `${t('details.parent')} · ${t('details.sources')}`) : null,
    entity.parentLink && entity.parentLink.sources.length > 0 ? sourcesList(entity.parentLink.sources, entity.parentLink) : null,
  ];

  const drawRelationship = (rel: RelationshipDetails) => {
    replaceChildren(
      element,
      h(
        'div',
        { class: 'details', 'data-testid': 'details', 'data-id': rel.id },
        h('h2', {}, relationshipName(rel.type)),
        h('p', { class: 'subtitle' }, h('span', { class: 'hint' }, `${t('details.relationship')} · ${rel.type}`)),
        statedOnlyToggle(),
        h('p', { class: 'provenance' }, basisBadge(rel)),
        ...(statedOnly && !isStated(rel) ? [hiddenNote(rel)] : relationshipBody(rel)),
      ),
    );
  };

  const relationshipBody = (rel: RelationshipDetails) => [
    h(
      'dl',
      { class: 'props' },
      h('dt', {}, t('details.from')),
      h('dd', {}, entityLink(rel.from)),
      h('dt', {}, t('details.to')),
      h('dd', {}, entityLink(rel.to)),
      ...rel.properties.flatMap((p) => [h('dt', {}, propertyName(p.key)), h('dd', {}, p.value)]),
    ),
    h('h3', {}, t('details.sources')),
    sourcesList(rel.sources, rel),
  ];

  const load = async <T>(fetcher: (signal: AbortSignal) => Promise<T | null>, draw: (value: T) => void) => {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    replaceChildren(element, h('p', { class: 'details-empty' }, t('details.loading')));
    redraw = () => {};
    coverage = null;
    try {
      const value = await fetcher(signal);
      if (signal.aborted) return;
      if (value == null) {
        replaceChildren(element, h('p', { class: 'details-empty' }, t('error.NOT_FOUND')));
        return;
      }
      redraw = () => draw(value);
      redraw();
    } catch (error) {
      if (!isAbort(error)) replaceChildren(element, h('p', { class: 'details-empty', role: 'alert' }, describeError(error)));
    }
  };

  const clear = () => {
    controller?.abort();
    redraw = () => replaceChildren(element, h('p', { class: 'details-empty' }, t('details.empty')));
    redraw();
  };
  clear();

  return {
    showNode: (id, extra) =>
      load(
        (signal) => entityDetails(id, signal),
        (entity) => drawEntity(entity, extra?.pairing),
      ),
    showEdge: (id) => load((signal) => relationshipDetails(id, signal), drawRelationship),
    clear,
    refreshText: () => redraw(),
  };
}
