/** What every lens is given, and what it provides. */
import type { NodeSingular } from 'cytoscape';
import type { Me } from '../auth.ts';
import type { GraphView } from '../graph-view.ts';
import type { AreaOption } from '../queries.ts';
import type { Status } from '../status.ts';
import type { LensId, ViewState } from '../url-state.ts';

export interface LensContext {
  readonly state: ViewState;
  readonly view: GraphView;
  readonly status: Status;
  /** Aborted when the view changes, so late answers are dropped. */
  readonly signal: AbortSignal;
  /** The lens's controls (area, reach …) in the left panel. */
  readonly controls: HTMLElement;
  /** The lens's figures and lists beside the graph. */
  readonly summary: HTMLElement;
  /** Changes the view (and the URL); the lens is loaded again. */
  navigate(patch: Partial<ViewState>, mode?: 'push' | 'replace'): void;
  /** Records a choice the lens made (e.g. the default area) in the state and URL, without reloading. */
  remember(patch: Partial<ViewState>): void;
  /** Selects a node, centres on it and shows its details. */
  selectNode(id: string): void;
  /** A one-line notice above the graph (e.g. "only the first 2,000 nodes are shown"); null hides it. */
  notice(text: string | null): void;
  /** The districts, for area pickers (fetched once). */
  districts(): Promise<AreaOption[]>;
  /** Who is signed in (null in the demo mode without sign-in), to hide what the role cannot use. */
  me(): Me | null;
}

export interface Lens {
  readonly id: LensId;
  /** One line on how to use the lens, shown under the graph. */
  hint(): string;
  renderControls(ctx: LensContext): void;
  /** Fetches and shows the lens's graph and summary; throws ApiError on failure. */
  load(ctx: LensContext): Promise<void>;
  /** Redraws the summary from what was loaded (after a language switch). */
  renderSummary(ctx: LensContext): void;
  onDoubleTap?(node: NodeSingular, ctx: LensContext): Promise<void>;
  menuItems?(ctx: LensContext): cytoscape.ContextMenuItem[];
  /** An extra tooltip line for a node, e.g. how to expand it. */
  tooltip?(node: NodeSingular): string | null;
  /** Removes what the lens added outside its panels, when another lens takes over. */
  leave?(ctx: LensContext): void;
}

export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * A panel a lens shows beside the graph (the dashboard's cards above it, the ranking's table below
 * it), one at a time, gone when the lens leaves.
 */
export function besideGraph(where: 'before' | 'after') {
  let shown: HTMLElement | null = null;
  const remove = (): void => {
    shown?.remove();
    shown = null;
  };
  return {
    get element(): HTMLElement | null {
      return shown;
    },
    /** Puts `element` beside the graph in place of the last one. */
    show(element: HTMLElement): void {
      remove();
      shown = element;
      document.getElementById('cy')?.[where](element);
    },
    remove,
    /** For `Lens.leave`: the graph's container changes size with the panel gone, so Cytoscape measures it again. */
    leave(ctx: LensContext): void {
      const was = shown != null;
      remove();
      if (was) ctx.view.cy.resize();
    },
  };
}
