/**
 * How legible a drawn graph is: pairs of node labels that overlap on screen. Each node label drawn at
 * the current zoom (its font size times the zoom reaches its min-zoomed-font-size, Cytoscape's own test)
 * and inside the view is a box; boxes are compared by a sweep along x. With `all`, every label counts
 * as drawn, which is how the viewer drew them before level-of-detail labels. Used by the large-view
 * browser test and the viewer benchmark (bench/sections/viewer.ts).
 *
 * A string, not a function: the TypeScript loader would wrap a function's inner arrows in a helper the
 * page does not have (as bench/sections/viewer.ts says of its own scripts).
 */
export const LABEL_OVERLAP_SCRIPT = (all: boolean) => `(() => {
  const cy = window.cy;
  const zoom = cy.zoom();
  const extent = cy.extent();
  const boxes = [];
  for (const node of cy.nodes(':visible')) {
    if (!node.style('label')) continue;
    const size = parseFloat(node.style('font-size')) * zoom;
    const min = parseFloat(node.style('min-zoomed-font-size')) || 0;
    if (!${all} && size < min) continue;
    const b = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    if (b.w === 0 || b.x2 < extent.x1 || b.x1 > extent.x2 || b.y2 < extent.y1 || b.y1 > extent.y2) continue;
    boxes.push(b);
  }
  boxes.sort((a, b) => a.x1 - b.x1);
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].x1 < a.x2; j++) {
      const b = boxes[j];
      if (b.y1 < a.y2 && a.y1 < b.y2) pairs++;
    }
  }
  return { labels: boxes.length, pairs };
})()`;

/**
 * Pairs of labelled nodes whose boxes overlap on screen: each node drawn with its label at the current
 * zoom (as above; with `all`, every label, as the viewer drew them before) and inside the view, its box
 * being the node and its label together. Zero means no label lies on another node or label. Used by the large-view browser test and the viewer benchmark.
 */
export const LABELLED_NODE_OVERLAP_SCRIPT = (all = false) => `(() => {
  const cy = window.cy;
  const zoom = cy.zoom();
  const extent = cy.extent();
  const boxes = [];
  for (const node of cy.nodes(':visible')) {
    if (!node.style('label')) continue;
    const size = parseFloat(node.style('font-size')) * zoom;
    const min = parseFloat(node.style('min-zoomed-font-size')) || 0;
    if (!${all} && size < min) continue;
    const b = node.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: true, includeOverlays: false });
    if (b.w === 0 || b.x2 < extent.x1 || b.x1 > extent.x2 || b.y2 < extent.y1 || b.y1 > extent.y2) continue;
    boxes.push(b);
  }
  boxes.sort((a, b) => a.x1 - b.x1);
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].x1 < a.x2; j++) {
      const b = boxes[j];
      if (b.y1 < a.y2 && a.y1 < b.y2) pairs++;
    }
  }
  return { nodes: boxes.length, pairs };
})()`;
