/**
 * The one Cytoscape instance of the page: created with the renderer options from Cytoscape's
 * performance guide, the extensions registered once, and the few operations every lens needs
 * (replace the elements, add some, run a layout and time it, switch to the large-graph style).
 */
import cytoscape, { type Collection, type Core, type ElementDefinition, type LayoutOptions, type NodeSingular } from 'cytoscape';
import contextMenus from 'cytoscape-context-menus';
import dagre from 'cytoscape-dagre';
import expandCollapse from 'cytoscape-expand-collapse';
import fcose from 'cytoscape-fcose';
import navigator from 'cytoscape-navigator';
import popper from 'cytoscape-popper';
import undoRedo from 'cytoscape-undo-redo';
import { relationshipName } from './i18n.ts';
import type { GraphElements } from './queries.ts';
import { bindStatedOnly } from './stated-only.ts';
import { LARGE_GRAPH, stylesheet } from './style.ts';
import { popperFactory } from './tooltip.ts';

cytoscape.use(fcose);
cytoscape.use(dagre);
cytoscape.use(undoRedo);
cytoscape.use(expandCollapse);
cytoscape.use(contextMenus);
cytoscape.use(navigator);
cytoscape.use(popper(popperFactory));

export interface LayoutTiming {
  name: string;
  elements: number;
  layoutMs: number;
  firstFrameMs: number;
}

export interface GraphView {
  readonly cy: Core;
  readonly undoRedo: cytoscape.UndoRedo;
  readonly webgl: boolean;
  /** Replaces everything on screen with these elements and lays them out. */
  replace(elements: GraphElements | ElementDefinition[], layout: (count: number) => LayoutOptions): Promise<void>;
  /** Empties the graph (an empty state follows). */
  clear(): void;
  /** Adds the elements not yet on screen (undoable); returns the new ones. */
  addNew(elements: GraphElements): Collection;
  /** Runs a layout over `eles` (all by default) and records how long it took. */
  runLayout(options: LayoutOptions, eles?: Collection): Promise<LayoutTiming>;
  /** Lays everything out again with the last layout used by replace(). */
  relayout(): Promise<LayoutTiming | null>;
  /** Re-reads captions (relationship names) after a language switch. */
  refreshCaptions(): void;
  /** Switches the cheaper large-graph style and renderer settings on or off as the graph grows. */
  tuneForSize(): void;
  node(id: string): NodeSingular | undefined;
}

/**
 * WebGL2 with a real GPU is what Cytoscape's WebGL renderer needs to be faster than the canvas one;
 * a software rasterizer (SwiftShader, llvmpipe: headless browsers, remote desktops) is far slower,
 * so the canvas renderer is used there. `?renderer=webgl` or `?renderer=canvas` overrides the choice.
 */
function prefersWebgl(): boolean {
  const choice = new URLSearchParams(location.search).get('renderer');
  if (choice === 'canvas') return false;
  try {
    const canvas = document.createElement('canvas');
    if (choice === 'webgl') return canvas.getContext('webgl2') != null;
    const gl = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}

const MAX_FIT_ZOOM = 1.4;

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

export function toDefinitions(elements: GraphElements): ElementDefinition[] {
  return [
    ...elements.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n.data } })),
    ...elements.edges.map((e) => ({ group: 'edges' as const, data: { ...e.data, caption: captionOf(e.data.label, e.data.status) } })),
  ];
}

function captionOf(label: string, status: string | null | undefined): string {
  return status === 'ended' ? `${relationshipName(label)} ×` : relationshipName(label);
}

/**
 * Cytoscape caches where its container sits on the page and refreshes that only when the container
 * itself resizes, scrolls or the window resizes. A notice, the time bar or a board appearing beside
 * the graph moves the container without resizing it, and every click then lands on the wrong element
 * (a village's click went to its 街道's box, 63 px higher). So any change in the size of the graph's
 * neighbours tells Cytoscape to measure again.
 */
function keepPointerInPlace(cy: Core, container: HTMLElement): void {
  const area = container.parentElement;
  if (!area || typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => cy.resize());
  for (const sibling of Array.from(area.children)) if (sibling !== container) observer.observe(sibling);
  // Neighbours added later (a lens's board, the time bar) are watched too.
  new MutationObserver((changes) => {
    for (const change of changes) for (const added of Array.from(change.addedNodes)) if (added instanceof Element) observer.observe(added);
  }).observe(area, { childList: true });
  cy.on('destroy', () => observer.disconnect());
}

export function createGraphView(container: HTMLElement): GraphView {
  const webgl = prefersWebgl();
  const cy = cytoscape({
    container,
    style: stylesheet({ large: false }),
    minZoom: 0.03,
    maxZoom: 5,
    // From the performance guide: no motion blur, a capped pixel ratio, and the WebGL renderer
    // (cytoscape ≥ 3.31) where the browser offers WebGL2.
    motionBlur: false,
    pixelRatio: Math.min(window.devicePixelRatio || 1, 1.5),
    boxSelectionEnabled: true,
    selectionType: 'additive',
    ...({ renderer: { name: 'canvas', webgl, webglTexSize: 4096, webglBatchSize: 4096 } } as object),
  });
  keepPointerInPlace(cy, container);
  const ur = cy.undoRedo({ isDebug: false, undoableDrag: false, stackSizeLimit: 100 });
  // 只看明确陈述 (#17): what a report does not state outright is hidden here too, not only its quotes.
  bindStatedOnly(cy);
  let large = false;
  let lastLayout: ((count: number) => LayoutOptions) | null = null;
  // Compound boxes (the coverage lens's subdistricts) fold and unfold with a cue in their corner.
  cy.expandCollapse({
    layoutBy: null,
    fisheye: false,
    animate: false,
    undoable: true,
    cueEnabled: true,
    expandCollapseCuePosition: 'top-left',
  });

  const tuneForSize = () => {
    const next = cy.elements().length > LARGE_GRAPH;
    // The canvas renderer reads these on every frame; Cytoscape only exposes them as init options.
    const renderer = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    renderer.hideEdgesOnViewport = next && !webgl;
    renderer.textureOnViewport = next && !webgl;
    if (next === large) return;
    large = next;
    cy.style(stylesheet({ large }));
  };

  const runLayout = async (options: LayoutOptions, eles?: Collection): Promise<LayoutTiming> => {
    const target = eles ?? cy.elements();
    const started = performance.now();
    const layout = target.layout(options);
    const stopped = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    await stopped;
    const layoutMs = performance.now() - started;
    // A handful of nodes fitted to the screen would be drawn huge: keep small graphs at a readable size.
    if ((options as { fit?: boolean }).fit !== false && cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    await nextFrame();
    await nextFrame();
    const timing = { name: String(options.name), elements: target.length, layoutMs, firstFrameMs: performance.now() - started - layoutMs };
    // A performance entry, so the figures can be read from DevTools or a benchmark without a hook.
    performance.measure('viewer:layout', { start: started, duration: layoutMs, detail: timing });
    return timing;
  };

  if (webgl) {
    // The WebGL renderer draws without emitting `render`, which the navigator's thumbnail waits for.
    let timer: number | undefined;
    cy.on('add remove position style layoutstop', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => cy.emit('render'), 250);
    });
  }

  return {
    cy,
    undoRedo: ur,
    webgl,
    async replace(elements, layout) {
      const definitions = Array.isArray(elements) ? elements : toDefinitions(elements);
      lastLayout = layout;
      cy.elements().remove();
      ur.reset();
      cy.add(definitions);
      tuneForSize();
      if (cy.nodes().length > 0) await runLayout(layout(cy.nodes().length));
    },
    clear() {
      cy.elements().remove();
      ur.reset();
    },
    addNew(elements) {
      const fresh = toDefinitions(elements).filter((d) => cy.getElementById(String(d.data.id)).empty());
      // Edges whose ends are not both on screen cannot be drawn (and cy.add would throw).
      const present = (id: unknown) => !cy.getElementById(String(id)).empty() || fresh.some((d) => d.group === 'nodes' && d.data.id === id);
      const drawable = fresh.filter((d) => d.group === 'nodes' || (present(d.data.source) && present(d.data.target)));
      if (drawable.length === 0) return cy.collection();
      const added = ur.do('add', drawable);
      tuneForSize();
      return added;
    },
    runLayout,
    relayout: async () => (lastLayout && cy.nodes().length > 0 ? runLayout(lastLayout(cy.nodes().length)) : null),
    refreshCaptions() {
      cy.batch(() => {
        for (const edge of cy.edges()) edge.data('caption', captionOf(edge.data('label'), edge.data('status')));
      });
    },
    tuneForSize,
    node(id) {
      const found = cy.getElementById(id);
      return found.nonempty() && found.isNode() ? found : undefined;
    },
  };
}
