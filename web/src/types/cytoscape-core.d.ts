/** What the extensions add to Cytoscape's core once registered (see cytoscape-extensions.d.ts). */
export {};

declare global {
  namespace cytoscape {
    interface UndoRedo {
      action(name: string, doFn: (args: never) => unknown, undoFn: (args: never) => unknown): UndoRedo;
      do(name: 'add', args: ElementDefinition[] | Collection): CollectionReturnValue;
      do(name: 'remove' | 'restore', args: Collection): CollectionReturnValue;
      do(name: string, args: unknown): unknown;
      undo(): unknown;
      redo(): unknown;
      reset(): void;
      isUndoStackEmpty(): boolean;
      isRedoStackEmpty(): boolean;
    }

    interface ContextMenuItem {
      id: string;
      content: string;
      tooltipText?: string;
      selector?: string;
      coreAsWell?: boolean;
      hasTrailingDivider?: boolean;
      disabled?: boolean;
      show?: boolean;
      onClickFunction?: (event: EventObject) => void;
      submenu?: ContextMenuItem[];
    }

    interface ContextMenus {
      destroy(): void;
      showMenuItem(id: string): void;
      hideMenuItem(id: string): void;
      enableMenuItem(id: string): void;
      disableMenuItem(id: string): void;
    }

    interface ExpandCollapseApi {
      collapse(nodes: NodeCollection, options?: object): void;
      expand(nodes: NodeCollection, options?: object): void;
      collapseAll(options?: object): void;
      expandAll(options?: object): void;
      isExpandable(node: NodeSingular): boolean;
      isCollapsible(node: NodeSingular): boolean;
      getAllCollapsedChildrenRecursively(): Collection;
      clearVisualCue(): void;
    }

    interface Navigator {
      destroy(): void;
    }

    interface Core {
      undoRedo(options?: { isDebug?: boolean; undoableDrag?: boolean; stackSizeLimit?: number }): UndoRedo;
      contextMenus(options: {
        menuItems: ContextMenuItem[];
        evtType?: string;
        menuItemClasses?: string[];
        contextMenuClasses?: string[];
        submenuIndicator?: { src: string; width: number; height: number };
      }): ContextMenus;
      expandCollapse(options: {
        layoutBy?: LayoutOptions | null;
        fisheye?: boolean;
        animate?: boolean;
        undoable?: boolean;
        cueEnabled?: boolean;
        expandCollapseCuePosition?: string;
        expandCollapseCueSize?: number;
        expandCollapseCueLineSize?: number;
        zIndex?: number;
      }): ExpandCollapseApi;
      expandCollapse(get: 'get'): ExpandCollapseApi;
      navigator(options: {
        container: string;
        viewLiveFramerate?: number | false;
        rerenderDelay?: number;
        removeCustomContainer?: boolean;
      }): Navigator;
    }
  }
}
