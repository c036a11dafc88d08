/**
 * Layout options, in one place. Trees (the hierarchy) use dagre, a layered layout that keeps
 * subtrees together and lays out 2,000 elements in about half a second. Networks use fCoSE; as they
 * grow it stops animating, stops measuring labels and runs fewer iterations, so 2,000 nodes take a
 * few seconds. (Its "draft" quality is ten times quicker but leaves nodes piled on each other.)
 * fCoSE keeps nodes apart only on average: the network lens then runs WebCola with avoidOverlap
 * (nonOverlapLayout), which moves each node the least it must so no two boxes, labels included, overlap.
 */
import cytoscape, { type LayoutOptions, type NodeSingular } from 'cytoscape';
import cola from 'cytoscape-cola';

cytoscape.use(cola);

/** Above this many nodes fCoSE runs its cheaper settings. */
const LARGE_NETWORK = 600;

export function treeLayout(): LayoutOptions {
  return {
    name: 'dagre',
    // Left to right like an outline, names to the right of each node (the `tree` class). REPORTS_TO
    // points from child to parent, so ranks run right to left: the district committee on the left.
    rankDir: 'RL',
    nodeSep: 6,
    rankSep: 60,
    nodeDimensionsIncludeLabels: true,
    ranker: 'tight-tree',
    animate: false,
    fit: true,
    padding: 30,
  } as LayoutOptions;
}

export function networkLayout(nodeCount: number, options: { incremental?: boolean } = {}): LayoutOptions {
  const large = nodeCount > LARGE_NETWORK;
  return {
    name: 'fcose',
    quality: 'default',
    randomize: !options.incremental,
    animate: !large && nodeCount < 200,
    animationDuration: 400,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: !large,
    packComponents: true,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => (large ? 60 : 90),
    edgeElasticity: () => 0.45,
    numIter: large ? 600 : 2500,
    uniformNodeDimensions: large,
    tile: true,
  } as LayoutOptions;
}

/**
 * Villages grouped in their subdistrict boxes (compound nodes). Always fCoSE's default quality: its
 * draft (spectral only) piles compound nodes on top of each other.
 */
export function coverageLayout(nodeCount: number): LayoutOptions {
  return {
    ...networkLayout(nodeCount),
    quality: 'default',
    nodeDimensionsIncludeLabels: nodeCount < LARGE_NETWORK,
    // Packing places components by their children only, so the boxes' padding and titles overlapped.
    packComponents: false,
    tilingPaddingVertical: 24,
    tilingPaddingHorizontal: 24,
    nodeRepulsion: () => 4500,
    idealEdgeLength: () => 40,
    nestingFactor: 0.4,
    gravityCompound: 1.5,
  } as unknown as LayoutOptions;
}

/**
 * Chains and buildings: several small groups (a chain with its leaders and enterprises, a building
 * with its committees), which fCoSE packs side by side instead of stacking them in one tall column.
 */
export function chainsLayout(nodeCount: number): LayoutOptions {
  return {
    ...networkLayout(nodeCount),
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => 70,
    nodeRepulsion: () => 4500,
  } as LayoutOptions;
}

/** A path and the nodes around its ends: the path itself left to right. */
export function pathLayout(nodeCount: number): LayoutOptions {
  return networkLayout(nodeCount);
}

/** Options for laying out only new nodes around the node they were expanded from. */
export function expansionLayout(around: NodeSingular, count: number): LayoutOptions {
  const { x, y } = around.position();
  const radius = Math.max(90, count * 9);
  return {
    name: 'concentric',
    fit: false,
    animate: false,
    boundingBox: { x1: x - radius, y1: y - radius, w: radius * 2, h: radius * 2 },
    minNodeSpacing: 8,
  } as LayoutOptions;
}

/** Above this many drawn nodes the non-overlap pass is skipped: its cost grows quickly with the count. */
const NON_OVERLAP_MAX = 600;

/**
 * The non-overlap pass (#20: 5,451 overlapping label pairs in the depth-3 network): WebCola from the
 * positions fCoSE left (no randomising), with avoidOverlap on each node's box including its label, a
 * little spacing, and a simulation of 4 s at most, so the picture keeps fCoSE's shape and only overlaps are
 * pushed apart. Null when there are too many nodes drawn for it to be quick.
 */
export function nonOverlapLayout(nodeCount: number): LayoutOptions | null {
  if (nodeCount > NON_OVERLAP_MAX || nodeCount < 2) return null;
  return {
    name: 'cola',
    // Animated, many ticks a frame: cytoscape-cola runs a non-animated layout in one synchronous loop
    // until it converges, so its maxSimulationTime (a timer) could never stop it and a few hundred nodes
    // held the page for minutes; ticking on animation frames lets the timer end it.
    animate: true,
    ticksPerFrame: 100,
    randomize: false,
    avoidOverlap: true,
    nodeDimensionsIncludeLabels: true,
    nodeSpacing: () => 4,
    edgeLength: 90,
    handleDisconnected: false,
    centerGraph: false,
    maxSimulationTime: 4000,
    convergenceThreshold: 0.01,
    fit: true,
    padding: 30,
  } as unknown as LayoutOptions;
}
