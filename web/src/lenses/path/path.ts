/**
 * Path lens: pick two entities and see how they are connected: up to three alternative paths, shortest
 * first (the API's `paths`), the chosen one highlighted among the nodes around its two ends, its steps
 * listed beside the graph in words ("A 隶属于 B，B 领导 C", schema/path-phrases.ts, in the viewer's
 * language), and the list downloadable for a report (the server's path export, same paths).
 */

import { KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../../../schema/model.ts';
import { pathText, type StepWords, stepText } from '../../../../schema/path-phrases.ts';
import { gql } from '../../api.ts';
import { h, replaceChildren } from '../../dom.ts';
import { listDownloads } from '../../export.ts';
import { PathsDocument } from '../../generated/graphql.ts';
import { expandNeighbours, exploreMenuItems } from '../../graph-actions.ts';
import { formatNumber, kindName, lang, relationshipName, t } from '../../i18n.ts';
import { pathLayout } from '../../layouts.ts';
import { type EntityRef, entityRefs, type GraphElements, manyNeighbourhoods, mergeElements, type PathFilters } from '../../queries.ts';
import { createSearchBox } from '../../search-box.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

const MAX_LENGTH = 8;
/** Alternatives shown: the shortest and the next two. */
const ALTERNATIVES = 3;
const CONTEXT_LIMIT = 25;
/** The organisational lines (隶属, 领导, 管辖): a path that answers "who answers to whom". */
const CHAIN_OF_COMMAND = ['REPORTS_TO', 'LEADS', 'GOVERNS'] as const;

interface Step {
  node: EntityRef;
  /** The step to the next node: its relationship type and whether it is walked as stored. */
  next?: { type: string; forward: boolean; to: EntityRef };
}

interface Alternative {
  length: number;
  elements: GraphElements;
  steps: Step[];
}

/** The API's paths, each node with the step leaving it (the elements' nodes are in path order). */
async function alternatives(from: string, to: string, filters: PathFilters, signal: AbortSignal): Promise<Alternative[]> {
  const data = await gql(
    PathsDocument,
    { from, to, k: ALTERNATIVES, max: MAX_LENGTH, rels: filters.relationships, excl: filters.excludeKinds },
    signal,
  );
  return data.paths.map((path) => {
    const nodes = path.elements.nodes.map((n) => ({ id: n.data.id, name: n.data.label, kind: n.data.kind }));
    return {
      length: path.length,
      elements: path.elements,
      steps: nodes.map((node, i) => {
        const step = path.steps[i];
        const following = nodes[i + 1];
        return step && following ? { node, next: { type: step.type, forward: step.forward, to: following } } : { node };
      }),
    };
  });
}

const words = (step: Step): StepWords | null =>
  step.next ? { from: step.node.name, to: step.next.to.name, type: step.next.type, forward: step.next.forward } : null;
const phraseLanguage = () => (lang() === 'en' ? 'en' : 'zh');

/** The filters in the URL state, as the server takes them: no type ticked off means every type. */
function filtersOf(ctx: LensContext): PathFilters {
  const types = ctx.state.pathTypes.filter((type) => (RELATIONSHIP_TYPE_NAMES as readonly string[]).includes(type));
  const exclude = ctx.state.pathExclude.filter((kind) => (KIND_NAMES as readonly string[]).includes(kind));
  return { relationships: types.length > 0 ? types : null, excludeKinds: exclude };
}

/** A folding list of checkboxes; each change navigates to the new selection. */
function checkList(
  title: string,
  testId: string,
  options: readonly string[],
  label: (name: string) => string,
  checked: (name: string) => boolean,
  onChange: (selected: string[]) => void,
  open: boolean,
) {
  const boxes = options.map((name) => {
    const box = h('input', { type: 'checkbox', value: name }) as HTMLInputElement;
    box.checked = checked(name);
    box.addEventListener('change', () => onChange(boxes.filter((b) => b.checked).map((b) => b.value)));
    return box;
  });
  const details = h(
    'details',
    { class: 'field path-filter', 'data-testid': testId },
    h('summary', {}, title),
    ...boxes.map((box) => h('label', { class: 'check' }, box, ' ', label(box.value))),
  ) as HTMLDetailsElement;
  details.open = open;
  return details;
}

export function createPathLens(): Lens {
  let found: Alternative[] | null = null;
  let chosen = 0;
  const names = new Map<string, string>();

  /** Highlights the chosen alternative; the others stay drawn (not faded), the rest of the graph fades. */
  const highlight = (ctx: LensContext) => {
    if (!found) return;
    const cy = ctx.view.cy;
    const path = found[chosen]!.elements;
    cy.batch(() => {
      cy.elements().removeClass('path faded');
      const onPath = cy.collection();
      for (const n of path.nodes) onPath.merge(cy.getElementById(n.data.id));
      for (const e of path.edges) onPath.merge(cy.getElementById(e.data.id));
      const others = cy.collection();
      for (const alt of found ?? []) {
        for (const n of alt.elements.nodes) others.merge(cy.getElementById(n.data.id));
        for (const e of alt.elements.edges) others.merge(cy.getElementById(e.data.id));
      }
      onPath.addClass('path');
      cy.elements().difference(onPath).difference(others).addClass('faded');
    });
  };

  const summarize = (ctx: LensContext) => {
    if (!found) {
      ctx.summary.replaceChildren();
      return;
    }
    const steps = found[chosen]!.steps;
    const stepWords = steps.map(words).filter((w): w is StepWords => w !== null);
    const filters = filtersOf(ctx);
    replaceChildren(
      ctx.summary,
      found.length > 1
        ? h(
            'div',
            { class: 'path-alternatives', role: 'group', 'aria-label': t('path.alternatives'), 'data-testid': 'path-alternatives' },
            h('h3', { class: 'section-title' }, t('path.alternatives')),
            ...found.map((alt, i) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  'aria-pressed': String(i === chosen),
                  'data-testid': `path-alternative-${i + 1}`,
                  onclick: () => {
                    chosen = i;
                    highlight(ctx);
                    summarize(ctx);
                  },
                },
                t('path.alternative', { i: i + 1, n: formatNumber(alt.length) }),
              ),
            ),
          )
        : null,
      h('h3', { class: 'section-title' }, t('path.steps', { n: formatNumber(steps.length - 1) })),
      h(
        'ol',
        { class: 'path-steps', 'data-testid': 'path-steps' },
        ...steps.map((step) => {
          const said = words(step);
          return h(
            'li',
            {},
            h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(step.node.id) }, step.node.name),
            ' ',
            h('span', { class: 'hint' }, kindName(step.node.kind)),
            said && step.next
              ? h(
                  'div',
                  { class: 'rel', title: relationshipName(step.next.type) },
                  `${step.next.forward ? '↓' : '↑'} ${stepText(said, phraseLanguage())}`,
                )
              : null,
          );
        }),
      ),
      stepWords.length > 0
        ? h(
            'p',
            { class: 'path-text', 'data-testid': 'path-text' },
            h('strong', {}, `${t('path.inWords')}${t('colon')}`),
            pathText(stepWords, phraseLanguage()),
          )
        : null,
      listDownloads(
        ctx.me(),
        'path',
        {
          from: ctx.state.from,
          to: ctx.state.to,
          k: String(ALTERNATIVES),
          maxLength: String(MAX_LENGTH),
          relationships: filters.relationships?.join(','),
          excludeKinds: filters.excludeKinds.join(','),
        },
        'download-path',
      ),
    );
  };

  const endPicker = (ctx: LensContext, which: 'from' | 'to') => {
    const id = ctx.state[which];
    const holder = h('div', {});
    const box = createSearchBox(holder, {
      onPick: (entity) => {
        names.set(entity.id, entity.name);
        ctx.navigate({ [which]: entity.id });
      },
      includeSynthetic: () => ctx.state.syn,
      placeholder: () => t('path.pick'),
      testId: `path-${which}`,
    });
    if (id) box.setValue(names.get(id) ?? id);
    return { field: h('div', { class: 'field' }, h('label', {}, t(which === 'from' ? 'path.from' : 'path.to')), holder), box };
  };

  return {
    id: 'path',
    hint: () => t('lens.path.hint'),
    renderControls(ctx) {
      const from = endPicker(ctx, 'from');
      const to = endPicker(ctx, 'to');
      const filters = filtersOf(ctx);
      const allowed = filters.relationships;
      const types = checkList(
        allowed ? t('path.typesSome', { n: formatNumber(allowed.length) }) : t('path.typesAll'),
        'path-types',
        RELATIONSHIP_TYPE_NAMES,
        relationshipName,
        (type) => allowed == null || allowed.includes(type),
        // Every type ticked is the same as no filter: kept out of the URL.
        (selected) => ctx.navigate({ pathTypes: selected.length === RELATIONSHIP_TYPE_NAMES.length ? [] : selected }),
        allowed != null,
      );
      const exclude = checkList(
        filters.excludeKinds.length > 0 ? t('path.excludeSome', { n: formatNumber(filters.excludeKinds.length) }) : t('path.excludeNone'),
        'path-exclude',
        KIND_NAMES,
        kindName,
        (kind) => filters.excludeKinds.includes(kind),
        (selected) => ctx.navigate({ pathExclude: selected }),
        filters.excludeKinds.length > 0,
      );
      replaceChildren(
        ctx.controls,
        from.field,
        to.field,
        types,
        exclude,
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', class: 'small', onclick: () => ctx.navigate({ from: ctx.state.to, to: ctx.state.from }) },
            t('path.swap'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'data-testid': 'path-chain-of-command',
              onclick: () => ctx.navigate({ pathTypes: [...CHAIN_OF_COMMAND], pathExclude: [] }),
            },
            t('path.chainOfCommand'),
          ),
        ),
      );
      // Names for ids that came from a link.
      const unknown = [ctx.state.from, ctx.state.to].filter((id): id is string => id != null && !names.has(id));
      if (unknown.length > 0) {
        entityRefs(unknown, ctx.signal)
          .then((refs) => {
            for (const ref of refs) names.set(ref.id, ref.name);
            if (ctx.state.from) from.box.setValue(names.get(ctx.state.from) ?? ctx.state.from);
            if (ctx.state.to) to.box.setValue(names.get(ctx.state.to) ?? ctx.state.to);
          })
          .catch(() => {});
      }
    },
    async load(ctx) {
      found = null;
      chosen = 0;
      const { from, to } = ctx.state;
      if (!from || !to) {
        ctx.view.clear();
        ctx.status.empty(t('empty.pathPick'));
        summarize(ctx);
        return;
      }
      ctx.status.loading(t('status.loading.path'));
      const filters = filtersOf(ctx);
      const paths = await alternatives(from, to, filters, ctx.signal);
      if (paths.length === 0) {
        ctx.view.clear();
        const filtered = filters.relationships != null || filters.excludeKinds.length > 0;
        ctx.status.empty(t(filtered ? 'empty.pathNoneFiltered' : 'empty.pathNone', { n: MAX_LENGTH }));
        summarize(ctx);
        return;
      }
      const around = await manyNeighbourhoods(
        [from, to].map((id) => ({ id, depth: 1, limit: CONTEXT_LIMIT, asOf: ctx.state.asOf })),
        ctx.signal,
      );
      const elements = mergeElements([around, ...paths.map((p) => p.elements)]);
      await nextFrame();
      await ctx.view.replace(elements, (n) => pathLayout(n));
      found = paths;
      highlight(ctx);
      ctx.view.node(from)?.addClass('focus');
      ctx.view.node(to)?.addClass('focus');
      ctx.status.clear();
      ctx.notice(null);
      summarize(ctx);
    },
    renderSummary: summarize,
    onDoubleTap: async (node, ctx) => void (await expandNeighbours(node, ctx)),
    menuItems: exploreMenuItems,
    tooltip: () => t('tooltip.dblclick'),
  };
}
