/**
 * City overview lens (issue #19): a whole city (or district) at once, 20,000 entities and more, grouped
 * by district and 街道. The server's answer (cityOverview) holds every entity; the district boxes are
 * drawn with each 街道 folded into one node showing its counts, and a 街道 unfolds on a double-click
 * (or 展开全部 unfolds them all) by adding its members, undoably. Folded boxes keep the first frame
 * quick: on a loaded two-core machine adding and measuring 20,000 labelled nodes took tens of seconds,
 * and folding them afterwards (cytoscape-expand-collapse) more. The layout is computed here, not by a
 * force layout: each box's members on a grid sorted by kind (kinds form bands), boxes packed in rows
 * inside their district, districts side by side; milliseconds for 20,000 nodes and the same picture
 * every time. Drawn by Cytoscape's WebGL renderer where the browser has a GPU, the canvas renderer
 * otherwise (graph-view.ts decides).
 */
import type { ElementDefinition, NodeSingular, Position } from 'cytoscape';
import { gql } from '../../api.ts';
import { h, replaceChildren } from '../../dom.ts';
import { CitiesDocument, CityOverviewDocument, type CityOverviewQuery } from '../../generated/graphql.ts';
import { formatNumber, kindName, t } from '../../i18n.ts';
import type { AreaOption } from '../../queries.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

export type CityOverview = CityOverviewQuery['cityOverview'];
export type OverviewGroup = CityOverview['groups'][number];
type OverviewNode = CityOverview['nodes'][number];
type AreaChoice = AreaOption;

/** Most entities drawn; the server cuts there and says so (the city of `--scale city` has ~21,000). */
const LIMIT = 30_000;
/** Space per member on a box's grid, and between boxes, in model units. */
const CELL = 34;
const GAP = 120;

export async function cityOverview(
  args: { area: string; includeSynthetic: boolean; asOf: string | null },
  signal?: AbortSignal,
): Promise<CityOverview> {
  const data = await gql(CityOverviewDocument, { area: args.area, syn: args.includeSynthetic, limit: LIMIT, asOf: args.asOf }, signal);
  return data.cityOverview;
}

/** The cities above the districts of the area picker, then the districts: what the overview can show. */
async function areaChoices(ctx: LensContext): Promise<AreaChoice[]> {
  const districts = await ctx.districts();
  const places = districts.filter((d) => d.kind === 'District');
  if (places.length === 0) return districts;
  const data = await gql(CitiesDocument, { ids: places.map((d) => d.id) }, ctx.signal);
  const cities = new Map<string, AreaChoice>();
  for (const entity of data.entities) {
    for (const a of 'ancestors' in entity ? entity.ancestors : []) if (a.kind === 'City') cities.set(a.id, a);
  }
  return [...cities.values(), ...districts];
}

/** Box captions: the name and what is folded inside. */
function caption(group: OverviewGroup): string {
  return `${group.name}\n${t('overview.groupCount', { n: formatNumber(group.nodes), villages: formatNumber(group.villages) })}`;
}

/**
 * Positions for every node: members of a box on a square grid (sorted by kind, then id), a district's
 * boxes packed in rows about as wide as they are tall, districts in a row. Compound boxes take their
 * size from their children, so only the leaves are placed.
 */
export function overviewPositions(overview: CityOverview): Map<string, Position> {
  const groupIds = new Set(overview.groups.map((g) => g.id));
  const members = new Map<string, OverviewNode[]>();
  for (const node of overview.nodes) {
    if (groupIds.has(node.data.id)) continue;
    const key = node.data.parent ?? '';
    const list = members.get(key) ?? [];
    list.push(node);
    members.set(key, list);
  }
  const positions = new Map<string, Position>();
  /** Lays out one box's members from (x, y). */
  const grid = (key: string, x: number, y: number) => {
    const list = (members.get(key) ?? []).sort((a, b) => a.data.kind.localeCompare(b.data.kind) || a.data.id.localeCompare(b.data.id));
    const cols = Math.max(1, Math.ceil(Math.sqrt(list.length)));
    for (const [i, n] of list.entries()) positions.set(n.data.id, { x: x + (i % cols) * CELL, y: y + Math.floor(i / cols) * CELL });
  };
  const districts = overview.groups.filter((g) => g.kind === 'District');
  const subdistrictsOf = (id: string | null) => overview.groups.filter((g) => g.kind === 'Subdistrict' && g.parent === id);
  let x = 0;
  const place = (boxes: string[], originX: number) => {
    // Row packing: rows about as wide as the square root of the total area.
    const sizes = boxes.map((id) => {
      const n = members.get(id)?.length ?? 0;
      const side = Math.max(1, Math.ceil(Math.sqrt(n))) * CELL;
      return { id, w: side, h: Math.ceil(n / Math.max(1, Math.ceil(Math.sqrt(n)))) * CELL };
    });
    const area = sizes.reduce((sum, s) => sum + (s.w + GAP) * (s.h + GAP), 0);
    const rowWidth = Math.max(Math.sqrt(area), ...sizes.map((s) => s.w));
    let cx = originX;
    let cy = 0;
    let rowHeight = 0;
    let widest = 0;
    for (const s of sizes) {
      if (cx > originX && cx - originX + s.w > rowWidth) {
        cx = originX;
        cy += rowHeight + GAP;
        rowHeight = 0;
      }
      grid(s.id, cx, cy);
      cx += s.w + GAP;
      rowHeight = Math.max(rowHeight, s.h);
      widest = Math.max(widest, cx - originX);
    }
    return widest;
  };
  for (const district of districts) {
    const width = place([...subdistrictsOf(district.id).map((s) => s.id), district.id], x);
    x += width + GAP * 3;
  }
  // Subdistricts without a district, and entities in no group at all.
  place([...subdistrictsOf(null).map((s) => s.id), ''], x);
  return positions;
}

/**
 * The overview as Cytoscape elements, split in two: what is drawn at first (the district boxes, each
 * 街道 as one node with its counts, the few entities that lie in a district but no 街道, the edges
 * among those) and, per 街道, its members and the edges that need them, added when it unfolds. Edges
 * that only repeat the nesting (a 街道 PART_OF its district) are left out.
 */
export function overviewElements(overview: CityOverview): {
  initial: ElementDefinition[];
  members: Map<string, ElementDefinition[]>;
  edges: ElementDefinition[];
} {
  const groups = new Map(overview.groups.map((g) => [g.id, g]));
  const positions = overviewPositions(overview);
  const initial: ElementDefinition[] = [];
  const members = new Map<string, ElementDefinition[]>();
  for (const n of overview.nodes) {
    const group = groups.get(n.data.id);
    const definition: ElementDefinition = {
      group: 'nodes',
      data: { ...n.data, parent: n.data.parent ?? undefined, ...(group ? { caption: caption(group), count: group.nodes } : {}) },
      classes: group ? `overview-group overview-${group.kind.toLowerCase()}` : '',
      position: positions.get(n.data.id) ?? { x: 0, y: 0 },
    };
    const box = n.data.parent ? groups.get(n.data.parent) : undefined;
    if (box?.kind === 'Subdistrict' && !group) members.set(box.id, [...(members.get(box.id) ?? []), definition]);
    else initial.push(definition);
  }
  // A folded 街道 sits where the middle of its members will be.
  for (const d of initial) {
    const list = members.get(String(d.data.id));
    if (!list || list.length === 0) continue;
    const xs = list.map((m) => m.position!.x);
    const ys = list.map((m) => m.position!.y);
    d.position = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    // Folded, it covers the ground its members will, with a caption legible when the city is fitted.
    const w = Math.max(...xs) - Math.min(...xs) + CELL;
    d.data.w = w;
    d.data.h = Math.max(...ys) - Math.min(...ys) + CELL;
    d.data.fontSize = Math.round(Math.min(90, Math.max(14, w / 9)));
  }
  for (const d of initial) if (groups.get(String(d.data.id))?.kind === 'District') d.data.fontSize = 140;
  const parentOf = new Map(overview.nodes.map((n) => [n.data.id, n.data.parent]));
  const edges: ElementDefinition[] = overview.edges
    .filter((e) => !(e.data.label === 'PART_OF' && parentOf.get(e.data.source) === e.data.target))
    .map((e) => ({ group: 'edges', data: { ...e.data } }));
  const drawn = new Set(initial.map((d) => String(d.data.id)));
  const initialEdges = edges.filter((e) => drawn.has(String(e.data.source)) && drawn.has(String(e.data.target)));
  return { initial: [...initial, ...initialEdges], members, edges };
}

export function createOverviewLens(): Lens {
  let overview: CityOverview | null = null;
  let parts: ReturnType<typeof overviewElements> | null = null;

  /** The 街道 drawn as one node (their members not on screen). */
  const folded = (ctx: LensContext) => ctx.view.cy.nodes('.overview-subdistrict').filter((n) => n.isChildless());

  /**
   * Unfolds 街道: their members and every edge whose ends are then both on screen, in one undoable
   * step (Ctrl+Z folds them again). Members were laid out with the rest, so nothing moves.
   */
  const unfold = (ids: string[], ctx: LensContext) => {
    if (!parts || ids.length === 0) return;
    const cy = ctx.view.cy;
    const nodes = ids.flatMap((id) => parts!.members.get(id) ?? []).filter((d) => cy.getElementById(String(d.data.id)).empty());
    const adding = new Set(nodes.map((d) => String(d.data.id)));
    const present = (id: unknown) => adding.has(String(id)) || cy.getElementById(String(id)).nonempty();
    const edges = parts.edges.filter(
      (e) =>
        (adding.has(String(e.data.source)) || adding.has(String(e.data.target))) &&
        present(e.data.source) &&
        present(e.data.target) &&
        cy.getElementById(String(e.data.id)).empty(),
    );
    if (nodes.length > 0) ctx.view.undoRedo.do('add', [...nodes, ...edges]);
    ctx.view.tuneForSize();
  };

  /** Folds 街道: their members (and the edges they take along) leave the screen, undoably. */
  const fold = (ids: string[], ctx: LensContext) => {
    const cy = ctx.view.cy;
    const children = cy.collection();
    for (const id of ids) children.merge(cy.getElementById(id).children());
    if (children.nonempty()) ctx.view.undoRedo.do('remove', children.union(children.connectedEdges()));
    ctx.view.tuneForSize();
  };

  const summarize = (ctx: LensContext) => {
    if (!overview) {
      ctx.summary.replaceChildren();
      return;
    }
    const o = overview;
    const districts = o.groups.filter((g) => g.kind === 'District');
    replaceChildren(
      ctx.summary,
      h('div', { class: 'section-title' }, `${t('lens.overview')} · ${o.area.name}`),
      h(
        'p',
        { class: 'summary-line', 'data-testid': 'overview-summary' },
        t('overview.summary', {
          nodes: formatNumber(o.nodes.length),
          edges: formatNumber(o.edges.length),
          districts: formatNumber(districts.length),
          subdistricts: formatNumber(o.groups.length - districts.length),
        }),
      ),
      h('p', { class: 'summary-line', 'data-testid': 'overview-folded' }, t('overview.folded', { n: formatNumber(folded(ctx).length) })),
      h(
        'table',
        { class: 'coverage', 'data-testid': 'overview-groups' },
        h('thead', {}, h('tr', {}, h('th', {}, t('coverage.area')), h('th', {}, t('overview.entities')), h('th', {}, kindName('Village')))),
        h(
          'tbody',
          {},
          ...o.groups.map((g) =>
            h(
              'tr',
              { 'data-group': g.id, class: g.kind === 'District' ? 'group-district' : '' },
              h(
                'td',
                {},
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => openGroup(g.id, ctx) },
                  g.kind === 'District' ? g.name : `· ${g.name}`,
                ),
              ),
              h('td', { class: 'num' }, formatNumber(g.nodes)),
              h('td', { class: 'num' }, formatNumber(g.villages)),
            ),
          ),
        ),
      ),
    );
  };

  /** Unfolds a 街道 and shows it. */
  const openGroup = (id: string, ctx: LensContext) => {
    const cy = ctx.view.cy;
    if (cy.getElementById(id).hasClass('overview-subdistrict')) unfold([id], ctx);
    const node = cy.getElementById(id);
    if (node.nonempty()) cy.animate({ fit: { eles: node.union(node.descendants()), padding: 40 } }, { duration: 300 });
    summarize(ctx);
  };

  const renderControls = (ctx: LensContext) => {
    const select = h('select', { id: 'area-select', 'data-testid': 'area-select' });
    const expandAll = h('button', { type: 'button', 'data-testid': 'overview-expand-all' }, t('overview.expandAll'));
    const collapseAll = h('button', { type: 'button', 'data-testid': 'overview-collapse-all' }, t('overview.collapseAll'));
    expandAll.addEventListener('click', () => {
      unfold(
        folded(ctx).map((n) => n.id()),
        ctx,
      );
      ctx.view.cy.fit(undefined, 30);
      summarize(ctx);
    });
    collapseAll.addEventListener('click', () => {
      fold(
        ctx.view.cy
          .nodes('.overview-subdistrict')
          .filter((n) => n.isParent())
          .map((n) => n.id()),
        ctx,
      );
      ctx.view.cy.fit(undefined, 30);
      summarize(ctx);
    });
    replaceChildren(
      ctx.controls,
      h('div', { class: 'field' }, h('label', { for: 'area-select' }, t('area.label')), select),
      h('div', { class: 'button-row' }, expandAll, collapseAll),
      h('p', { class: 'hint' }, t('overview.renderer', { name: ctx.view.webgl ? 'WebGL' : 'Canvas' })),
    );
    select.addEventListener('change', () => ctx.navigate({ area: select.value || null }));
    return select;
  };

  return {
    id: 'overview',
    hint: () => t('lens.overview.hint'),
    renderControls(ctx) {
      renderControls(ctx);
    },
    async load(ctx) {
      const select = renderControls(ctx);
      ctx.status.loading(t('status.loading'));
      const choices = await areaChoices(ctx);
      const wanted = ctx.state.area;
      const known = choices.find((c) => c.id === wanted || c.name === wanted);
      const area = known?.id ?? wanted ?? choices.find((c) => c.kind === 'City')?.id ?? choices[0]?.id;
      select.replaceChildren(
        ...choices.map((c) => h('option', { value: c.id }, `${c.name}（${kindName(c.kind)}）`)),
        ...(known || !wanted ? [] : [h('option', { value: wanted }, wanted)]),
      );
      select.value = area ?? '';
      if (!area) {
        ctx.view.clear();
        ctx.status.empty(t('empty.noArea'));
        return;
      }
      if (!ctx.state.area) ctx.remember({ area });
      overview = await cityOverview({ area, includeSynthetic: ctx.state.syn, asOf: ctx.state.asOf }, ctx.signal);
      ctx.status.loading(t('status.layout', { n: formatNumber(overview.nodes.length + overview.edges.length) }));
      await nextFrame();
      const started = performance.now();
      parts = overviewElements(overview);
      // Every 街道 folded into one node with its counts: the city reads as districts of boxes.
      await ctx.view.replace(parts.initial, () => ({ name: 'preset', fit: true, padding: 30, animate: false }) as cytoscape.LayoutOptions);
      await nextFrame();
      await nextFrame();
      performance.measure('viewer:overview', {
        start: started,
        duration: performance.now() - started,
        detail: { entities: overview.nodes.length, relationships: overview.edges.length, drawn: ctx.view.cy.elements().length },
      });
      ctx.status.clear();
      ctx.notice(overview.truncated ? t('notice.truncated', { n: formatNumber(overview.nodes.length) }) : null);
      summarize(ctx);
    },
    renderSummary: summarize,
    async onDoubleTap(node: NodeSingular, ctx) {
      if (!node.hasClass('overview-subdistrict')) return;
      if (node.isChildless()) unfold([node.id()], ctx);
      else fold([node.id()], ctx);
      summarize(ctx);
    },
    tooltip: (node) => (node.hasClass('overview-group') ? t('overview.tooltip') : null),
  };
}
