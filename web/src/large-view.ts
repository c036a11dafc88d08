/**
 * Large graphs made readable (issue #20): a depth-3 network of 1,778 nodes drew 5,451 overlapping label
 * pairs. Above a few hundred nodes the network lens
 * - groups the nodes more than one step from the centre by the 街道 they lie in (by kind where they lie
 *   in none) into boxes with counts, folded (cytoscape-expand-collapse) and opened on demand;
 * - sizes nodes by importance (degree) and draws the labels of hubs, the centre and the selection and
 *   its neighbours first: other labels appear only when zoomed in (Cytoscape's min-zoomed-font-size,
 *   rules in style/cy-style-readable.json);
 * - asks the server how many nodes a deeper reach would draw before drawing it (neighbourhoodSize).
 */
import type { Core, ElementDefinition, NodeCollection, NodeSingular } from 'cytoscape';
import { gql } from './api.ts';
import { NeighbourhoodSizeDocument, type NeighbourhoodSizeQuery, SubdistrictsOfDocument } from './generated/graphql.ts';
import { formatNumber, kindName, t } from './i18n.ts';
import { kindLook } from './style.ts';

/** Above this many nodes the network is grouped and its labels thinned. */
export const AGGREGATE_ABOVE = 400;
/** Above this many nodes sizes and labels follow importance. */
export const LOD_ABOVE = 150;
/** A reach that would draw more nodes than this asks first. */
export const WARN_ABOVE = 1000;
/** A kind with fewer nodes than this beyond the first step stays ungrouped. */
const MIN_GROUP = 6;
/** Spacing of a group's members when it is opened, in model units. */
const CELL = 36;

export type NeighbourhoodSize = NeighbourhoodSizeQuery['neighbourhoodSize'];

export async function neighbourhoodSize(id: string, limit: number, signal?: AbortSignal): Promise<NeighbourhoodSize> {
  const data = await gql(NeighbourhoodSizeDocument, { id, limit }, signal);
  return data.neighbourhoodSize;
}

/** The 街道 each of `ids` lies in (the server's subdistrictsOf); ids without one are absent. */
export async function subdistrictsOf(ids: string[], signal?: AbortSignal): Promise<Map<string, { id: string; name: string }>> {
  const data = await gql(SubdistrictsOfDocument, { ids }, signal);
  return new Map(data.subdistrictsOf.map((r) => [r.id, { id: r.subdistrictId, name: r.subdistrict }]));
}

/** The ids of the nodes more than one step from `focus`: the ones a large network groups. */
export function beyondFirstStep(definitions: ElementDefinition[], focus: string): string[] {
  const near = new Set([focus]);
  for (const d of definitions) {
    if (d.group !== 'edges') continue;
    if (d.data.source === focus) near.add(String(d.data.target));
    if (d.data.target === focus) near.add(String(d.data.source));
  }
  return definitions.filter((d) => d.group === 'nodes' && !near.has(String(d.data.id))).map((d) => String(d.data.id));
}

/** A box's colour for a 街道 (its members are of many kinds; the Subdistrict kind's colour). */
const subdistrictColour = () => kindLook('Subdistrict').color;

/**
 * Puts the nodes more than one step from `focus` into boxes with counts: by the 街道 they lie in
 * (`located`, from subdistrictsOf), and those with none by kind; a group with few members stays loose,
 * and so do the 街道 themselves (each anchors its box's neighbourhood). Each member is placed on a grid
 * around its box's origin so an opened box is tidy. Returns the definitions to draw (boxes first) and
 * the ids of the boxes.
 */
export function groupBySubdistrict(
  definitions: ElementDefinition[],
  focus: string,
  located: Map<string, { id: string; name: string }> = new Map(),
): { definitions: ElementDefinition[]; groups: string[] } {
  const beyond = new Set(beyondFirstStep(definitions, focus));
  const byGroup = new Map<string, { caption: (n: number) => string; colour: string; kind: string | null; members: ElementDefinition[] }>();
  for (const d of definitions) {
    const id = String(d.data.id);
    if (d.group !== 'nodes' || !beyond.has(id) || d.data.kind === 'Subdistrict') continue;
    const place = located.get(id);
    const kind = String(d.data.kind);
    const key = place ? `aggregate:sd:${place.id}` : `aggregate:${kind}`;
    if (!byGroup.has(key)) {
      byGroup.set(
        key,
        place
          ? {
              caption: (n) => t('aggregate.caption', { kind: place.name, n: formatNumber(n) }),
              colour: subdistrictColour(),
              kind: null,
              members: [],
            }
          : {
              caption: (n) => t('aggregate.caption', { kind: kindName(kind), n: formatNumber(n) }),
              colour: kindLook(kind).color,
              kind,
              members: [],
            },
      );
    }
    byGroup.get(key)!.members.push(d);
  }
  const boxes: ElementDefinition[] = [];
  const parentOf = new Map<string, string>();
  for (const [id, group] of byGroup) {
    const { members } = group;
    if (members.length < MIN_GROUP) continue;
    boxes.push({
      group: 'nodes',
      data: { id, aggregateKind: group.kind, count: members.length, caption: group.caption(members.length), colour: group.colour },
      classes: 'aggregate',
    });
    const cols = Math.ceil(Math.sqrt(members.length));
    members.forEach((m, i) => {
      parentOf.set(String(m.data.id), id);
      m.position = { x: (i % cols) * CELL, y: Math.floor(i / cols) * CELL };
    });
  }
  const nested = definitions.map((d) => {
    const parent = d.group === 'nodes' ? parentOf.get(String(d.data.id)) : undefined;
    return parent ? { ...d, data: { ...d.data, parent } } : d;
  });
  return { definitions: [...boxes, ...nested], groups: boxes.map((b) => String(b.data.id)) };
}

/** Folds the group boxes (not undoable: this is how the view opens). */
export function foldGroups(cy: Core): void {
  const boxes = cy.nodes('.aggregate');
  if (boxes.nonempty()) cy.expandCollapse('get').collapse(boxes);
}

/**
 * Importance by degree: each node's degree in data (for the size mapping), the best-connected nodes
 * (and the centre) marked hubs whose labels are drawn at any zoom, the others only when zoomed in.
 * Below LOD_ABOVE nodes every label is drawn as before.
 */
export function markImportance(cy: Core, focus: string | null): void {
  const nodes = cy.nodes().not('.aggregate, .overview-group') as NodeCollection;
  cy.batch(() => {
    cy.nodes().removeClass('by-degree lod-hub lod-minor');
    if (nodes.length <= LOD_ABOVE) return;
    const degrees = nodes.map((n) => ({ n, degree: n.degree(false) }));
    for (const { n, degree } of degrees) n.data('degree', degree);
    degrees.sort((a, b) => b.degree - a.degree);
    const hubs = Math.max(12, Math.round(nodes.length * 0.015));
    degrees.forEach(({ n }, i) => {
      n.addClass(i < hubs || n.id() === focus ? 'by-degree lod-hub' : 'by-degree lod-minor');
    });
  });
}

/** The selection's neighbours keep their labels at any zoom (installed once per instance). */
export function installNeighbourLabels(cy: Core): void {
  if (cy.scratch('_lodNeighbours')) return;
  cy.scratch('_lodNeighbours', true);
  const refresh = () => {
    cy.batch(() => {
      cy.nodes('.lod-near').removeClass('lod-near');
      const selected = cy.nodes(':selected');
      if (selected.nonempty() && selected.length < 20) (selected.neighborhood().nodes() as NodeCollection).addClass('lod-near');
    });
  };
  cy.on('select unselect', 'node', refresh);
}

/** Opens or folds a group box (undoable). */
export function toggleGroup(node: NodeSingular, cy: Core, ur: cytoscape.UndoRedo): boolean {
  if (!node.hasClass('aggregate')) return false;
  const api = cy.expandCollapse('get');
  if (api.isExpandable(node)) ur.do('expand', { nodes: node });
  else if (api.isCollapsible(node)) ur.do('collapse', { nodes: node });
  return true;
}
