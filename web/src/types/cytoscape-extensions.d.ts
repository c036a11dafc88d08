/**
 * Types for the Cytoscape.js extensions that ship none (fcose, undo-redo, expand-collapse,
 * context-menus, navigator): only the part the viewer calls, each a `cytoscape.use` extension.
 * A pattern applies only where a module brings no types of its own, so cytoscape-dagre and
 * cytoscape-popper keep theirs.
 */
declare module 'cytoscape-*' {
  const extension: import('cytoscape').Ext;
  export default extension;
}

/** An asset of an extension imported for its URL (Vite's `?url`): the longer prefix wins over the pattern above. */
declare module 'cytoscape-context-menus/*?url' {
  const url: string;
  export default url;
}
