/**
 * Types for the Cytoscape.js extensions that ship none: only the parts the viewer calls.
 * (cytoscape-dagre and cytoscape-popper bring their own.)
 */
declare module 'cytoscape-fcose' {
  const fcose: import('cytoscape').Ext;
  export default fcose;
}

declare module 'cytoscape-undo-redo' {
  const undoRedo: import('cytoscape').Ext;
  export default undoRedo;
}

declare module 'cytoscape-expand-collapse' {
  const expandCollapse: import('cytoscape').Ext;
  export default expandCollapse;
}

declare module 'cytoscape-context-menus' {
  const contextMenus: import('cytoscape').Ext;
  export default contextMenus;
}

declare module 'cytoscape-navigator' {
  const navigator: import('cytoscape').Ext;
  export default navigator;
}
