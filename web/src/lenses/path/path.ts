/**
 * Path lens: pick two entities and see the shortest connection between them, highlighted among the
 * nodes around its two ends, with the steps listed beside the graph.
 */

import { KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../../../schema/model.ts';
import { h, replaceChildren } from '../../dom.ts';
import { expandNeighbours, exploreMenuItems } from '../../graph-actions.ts';
import { formatNumber, kindName, relationshipName, t } from '../../i18n.ts';
import { pathLayout } from '../../layouts.ts';
import {
  type EntityRef,
  entityRefs,
  type GraphElements,
  manyNeighbourhoods,
  mergeElements,
  type PathFilters,
  pathElements,
} from '../../queries.ts';
import { createSearchBox } from '../../search-box.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

const MAX_LENGTH = 8;
const CONTEXT_LIMIT = 25;
/** The organisational lines (隶属, 领导, 管辖): a path that answers "who answers to whom". */
const CHAIN_OF_COMMAND = ['REPORTS_TO', 'LEADS', 'GOVERNS'] as const;

interface Step {
  node: EntityRef;
  /** The relationship to the next node, and whether it points forward. */
  next?: { type: string; forward: boolean };
}

function stepsOf(path: GraphElements): Step[] {
  const nodes = path.nodes.map((n) => ({ id: n.data.id, name: n.data.label, kind: n.data.kind }));
  return nodes.map((node, i) => {
    const following = nodes[i + 1];
    if (!following) return { node };
    const edge = path.edges.find(
      (e) => (e.data.source === node.id && e.data.target === following.id) || (e.data.source === following.id && e.data.target === node.id),
    );
    return { node, next: edge ? { type: edge.data.label, forward: edge.data.source === node.id } : undefined };
  });
}

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
  let steps: Step[] | null = null;
  const names = new Map<string, string>();

  const summarize = (ctx: LensContext) => {
    if (!steps) {
      ctx.summary.replaceChildren();
      return;
    }
    replaceChildren(
      ctx.summary,
      h('h3', { class: 'section-title' }, t('path.steps', { n: formatNumber(steps.length - 1) })),
      h(
        'ol',
        { class: 'path-steps', 'data-testid': 'path-steps' },
        ...steps.map((step) =>
          h(
            'li',
            {},
            h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(step.node.id) }, step.node.name),
            ' ',
            h('span', { class: 'hint' }, kindName(step.node.kind)),
            step.next ? h('div', { class: 'rel' }, `${step.next.forward ? '↓' : '↑'} ${relationshipName(step.next.type)}`) : null,
          ),
        ),
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
      steps = null;
      const { from, to } = ctx.state;
      if (!from || !to) {
        ctx.view.clear();
        ctx.status.empty(t('empty.pathPick'));
        summarize(ctx);
        return;
      }
      ctx.status.loading(t('status.loading.path'));
      const filters = filtersOf(ctx);
      const path = await pathElements(from, to, MAX_LENGTH, ctx.signal, filters);
      if (!path) {
        ctx.view.clear();
        const filtered = filters.relationships != null || filters.excludeKinds.length > 0;
        ctx.status.empty(t(filtered ? 'empty.pathNoneFiltered' : 'empty.pathNone', { n: MAX_LENGTH }));
        summarize(ctx);
        return;
      }
      steps = stepsOf(path);
      const around = await manyNeighbourhoods(
        [from, to].map((id) => ({ id, depth: 1, limit: CONTEXT_LIMIT, asOf: ctx.state.asOf })),
        ctx.signal,
      );
      const elements = mergeElements([around, path]);
      await nextFrame();
      await ctx.view.replace(elements, (n) => pathLayout(n));
      const cy = ctx.view.cy;
      const onPath = cy.collection();
      for (const n of path.nodes) onPath.merge(cy.getElementById(n.data.id));
      for (const e of path.edges) onPath.merge(cy.getElementById(e.data.id));
      onPath.addClass('path');
      cy.elements().difference(onPath).addClass('faded');
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
