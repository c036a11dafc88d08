/**
 * 7. Viewer: headless Chromium (playwright-core, Debian's /usr/bin/chromium) opens the hierarchy lens
 * of synthetic districts of about 500, 2,000 and 5,000 elements (tests/browser/scale-graph.ts, loaded
 * into the city store under their own prefixes and removed afterwards) served by the product. Timed:
 * navigation → a laid-out, drawn graph (the viewer's status idle, two frames); then, on the same
 * elements in the page, the chosen layout (dagre, the tree) against fCoSE with the viewer's settings
 * for a graph that size, alternated.
 *
 * Then the large views of issues #19 and #20, on the city graph itself: the city overview (every
 * entity of the synthetic city, 街道 folded; then 全部展开, everything drawn) and the depth-3 network
 * of the district whose three-step neighbourhood is nearest 1,778 nodes (grouped by kind beyond the first
 * step). Timed: navigation → first frame; frame times while panning and zooming (80 frames, median and
 * 95th percentile); for the network, overlapping label pairs and overlapping labelled nodes at zoom 1
 * (tests/browser/label-overlap.ts) and its layouts (fCoSE, then the non-overlap pass).
 * `--only=viewer-large` runs this part alone and writes it to bench/results/viewer.{json,md}.
 * With the canvas renderer (what headless Chromium without a GPU gets) and with WebGL forced
 * (`?renderer=webgl`, a software rasterizer here: a floor, not what a desktop GPU gives).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { loadGraph } from '../../data/load-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { ensureViewerBuilt } from '../../server/viewer-build.ts';
import { LABEL_OVERLAP_SCRIPT, LABELLED_NODE_OVERLAP_SCRIPT } from '../../tests/browser/label-overlap.ts';
import { removeScaleGraph, scaleGraph } from '../../tests/browser/scale-graph.ts';
import { authHeader, buildBenchApp } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { median, percentile } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Hierarchy lens elements ≈ 2 × (1 + s + s·v·(1 + g)) organizations and REPORTS_TO edges. */
const SIZES = [
  { target: 500, size: { subdistricts: 5, villages: 16, groups: 2 } },
  { target: 2_000, size: { subdistricts: 10, villages: 33, groups: 2 } },
  { target: 5_000, size: { subdistricts: 20, villages: 41, groups: 2 } },
];

interface Timing {
  name: string;
  elements: number;
  layoutMs: number;
  firstFrameMs: number;
}

export async function viewer(report: Report, store: BenchStore, reps: number) {
  const section = '7. Viewer in headless Chromium: navigation to a laid-out graph; chosen layout vs fCoSE';
  console.log(`\n${section}: ${reps} navigation(s) and ${reps} layout pair(s) per size`);
  await ensureViewerBuilt();
  const app = await buildBenchApp(store);
  let browser: Browser | undefined;
  const figures: Record<string, unknown>[] = [];
  const prefixes = SIZES.map((s) => `syn-bench-view-${s.target}`);
  try {
    for (const [i, s] of SIZES.entries()) {
      await removeScaleGraph(store.driver, 'neo4j', prefixes[i]!);
      await loadGraph(GraphStore.forLoads(store.driver, 'neo4j'), scaleGraph(prefixes[i]!, s.size));
    }
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', extraHTTPHeaders: authHeader() });
    // One untimed visit first: the browser's first page pays for its own start-up and cold caches.
    const warm = await context.newPage();
    await warm.goto(`${base}/?lens=hierarchy&syn=1&area=${scaleGraph(prefixes[0]!, SIZES[0]!.size).districtId}`);
    await warm.waitForFunction(() => document.getElementById('status')?.dataset.state === 'idle', null, { timeout: 180_000 });
    await warm.close();
    for (const [i, s] of SIZES.entries()) {
      const graph = scaleGraph(prefixes[i]!, s.size);
      const url = `${base}/?lens=hierarchy&syn=1&area=${graph.districtId}`;
      const navigations: number[] = [];
      let timing: Timing | undefined;
      let laidOut = 0;
      const layouts = { chosen: [] as number[], fcose: [] as number[] };
      for (let r = 0; r < reps; r += 1) {
        const { page, ms } = await firstFrame(context, url, 180_000);
        navigations.push(ms);
        const state = await page.evaluate(() => document.getElementById('status')?.dataset.state);
        if (state !== 'idle') throw new Error(`viewer: the hierarchy of ${s.target} elements ended in state ${state}`);
        timing = await page.evaluate(() => (performance.getEntriesByName('viewer:layout').at(-1) as PerformanceMeasure).detail as Timing);
        // The lens loads at most 2,000 nodes at first (web/src/lenses/hierarchy/hierarchy.ts): for the layout
        // comparison, the rest of the district is fetched from the API and added to the page.
        if (timing.elements < s.target * 0.9) await page.evaluate(FILL_SCRIPT(graph.districtId, authHeader().authorization!));
        laidOut = await page.evaluate(() => (window as unknown as { cy: { elements(): { length: number } } }).cy.elements().length);
        // The same elements laid out again both ways, alternating which goes first.
        for (const name of r % 2 === 0 ? (['chosen', 'fcose'] as const) : (['fcose', 'chosen'] as const)) {
          layouts[name].push((await page.evaluate(LAYOUT_SCRIPT(name))) as number);
        }
        await page.close();
      }
      const nav = median(navigations);
      const chosen = median(layouts.chosen);
      const fcose = median(layouts.fcose);
      figures.push({ target: s.target, elements: timing?.elements, laidOut, layout: timing?.name, navigations, layouts });
      report.missing(
        section,
        `navigation → laid-out graph · ${timing?.elements} elements`,
        `${nav.toFixed(0)} ms (median of ${reps}); ${timing?.name} layout ${timing?.layoutMs.toFixed(0)} ms, first frame ${timing?.firstFrameMs.toFixed(0)} ms`,
      );
      report.ratio(section, `chosen layout (${timing?.name}) / fCoSE · ${laidOut} elements`, chosen / fcose, 1, {
        detail: `${chosen.toFixed(0)} / ${fcose.toFixed(0)} ms`,
      });
    }
    figures.push(...(await largeViews(report, store, context, base)));
  } finally {
    await browser?.close();
    await app.close();
    for (const prefix of prefixes) await removeScaleGraph(store.driver, 'neo4j', prefix);
  }
  report.raw.viewer = figures;
}

/** In the page: fetches the whole hierarchy of the area and adds what the lens did not load. */
const FILL_SCRIPT = (area: string, authorization: string) => `(async () => {
  const query = 'query($root: String!) { hierarchy(root: $root, depth: 3, limit: 5000) { nodes { data { id label kind category synthetic pairing childCount } } edges { data { id source target label status } } } }';
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: ${JSON.stringify(authorization)} },
    body: JSON.stringify({ query, variables: { root: ${JSON.stringify(area)} } }),
  });
  const { data, errors } = await response.json();
  if (!data) throw new Error(JSON.stringify(errors));
  const cy = window.cy;
  const fresh = (list, group) => list.filter((e) => cy.getElementById(e.data.id).empty()).map((e) => ({ group, data: e.data }));
  cy.add([...fresh(data.hierarchy.nodes, 'nodes'), ...fresh(data.hierarchy.edges, 'edges')]);
})()`;

/**
 * In the page: lays out every element with the viewer's tree layout (web/src/layouts.ts treeLayout)
 * or with fCoSE as the viewer sets it for a network of this size (networkLayout), and returns the ms.
 * A string, not a function: the TypeScript loader would wrap a function's inner arrows in a helper
 * the page does not have.
 */
const LAYOUT_SCRIPT = (name: 'chosen' | 'fcose') => `new Promise((done) => {
  const cy = window.cy;
  const large = cy.nodes().length > 600;
  const options = ${JSON.stringify(name)} === 'chosen'
    ? { name: 'dagre', rankDir: 'RL', nodeSep: 6, rankSep: 60, nodeDimensionsIncludeLabels: true, ranker: 'tight-tree', animate: false, fit: true, padding: 30 }
    : { name: 'fcose', quality: 'default', randomize: true, animate: false, fit: true, padding: 30,
        nodeDimensionsIncludeLabels: !large, packComponents: true, nodeRepulsion: () => 6500,
        idealEdgeLength: () => (large ? 60 : 90), edgeElasticity: () => 0.45, numIter: large ? 600 : 2500,
        uniformNodeDimensions: large, tile: true };
  const started = performance.now();
  const layout = cy.elements().layout(options);
  layout.one('layoutstop', () => done(performance.now() - started));
  layout.run();
})`;

const LARGE = '7b. Viewer at city scale: overview and depth-3 network (headless Chromium)';

/** In the page: 80 frames of panning then zooming in and out; the time between frames, in ms. */
const FRAMES_SCRIPT = `new Promise((done) => {
  const cy = window.cy;
  const w = cy.width();
  const h = cy.height();
  const times = [];
  let last = performance.now();
  let i = 0;
  const step = (now) => {
    times.push(now - last);
    last = now;
    if (i < 40) cy.panBy({ x: i % 20 < 10 ? 18 : -18, y: i % 2 ? 6 : -6 });
    else cy.zoom({ level: cy.zoom() * (i < 60 ? 1.05 : 1 / 1.05), renderedPosition: { x: w / 2, y: h / 2 } });
    i += 1;
    if (i < 80) requestAnimationFrame(step);
    else done(times.slice(1));
  };
  requestAnimationFrame(step);
})`;

/** Navigation to a settled, drawn view (status idle and two frames), in ms. */
async function firstFrame(context: BrowserContext, url: string, timeout = 600_000) {
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const state = document.getElementById('status')?.dataset.state;
      return state !== undefined && state !== 'loading' && (window as unknown as { cy?: unknown }).cy !== undefined;
    },
    null,
    { timeout },
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return { page, ms: performance.now() - started };
}

async function frames(page: import('playwright-core').Page) {
  const times = (await page.evaluate(FRAMES_SCRIPT)) as number[];
  return { median: median(times), p95: percentile(times, 95) };
}

async function largeViews(report: Report, store: BenchStore, context: BrowserContext, base: string) {
  console.log(`\n${LARGE}`);
  const city = `${store.prefix}c0`;
  // The district whose depth-3 network is nearest the review's 1,778 nodes.
  const { records } = await store.driver.executeQuery(
    'MATCH (d:District) WHERE d.id STARTS WITH $prefix RETURN d.id AS id ORDER BY id',
    { prefix: store.prefix },
    { database: 'neo4j' },
  );
  let focus = String(records[0]?.get('id'));
  let nodes = 0;
  for (const record of records) {
    const id = String(record.get('id'));
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader() },
      body: JSON.stringify({ query: 'query($id: ID!) { neighbourhoodSize(id: $id) { depth3 } }', variables: { id } }),
    });
    const size = (await response.json()) as { data: { neighbourhoodSize: { depth3: number } } };
    const n = size.data.neighbourhoodSize.depth3;
    if (nodes === 0 || Math.abs(n - 1778) < Math.abs(nodes - 1778)) {
      focus = id;
      nodes = n;
    }
  }
  const figures: Record<string, unknown>[] = [];
  for (const renderer of ['canvas', 'webgl'] as const) {
    // The city overview: first frame with the 街道 folded, then everything drawn.
    const overview = await firstFrame(context, `${base}/?lens=overview&syn=1&renderer=${renderer}&area=${encodeURIComponent(city)}`);
    const drawn = Number(await overview.page.evaluate('window.cy.elements().length'));
    const entities = await overview.page.evaluate(() => {
      const m = performance.getEntriesByName('viewer:overview').at(-1) as PerformanceMeasure | undefined;
      return m?.detail as { entities: number; relationships: number } | undefined;
    });
    const foldedFrames = await frames(overview.page);
    const started = performance.now();
    // Adding 20,000 entities keeps the page busy for longer than a click's default 30 s on a loaded
    // machine (as tests/browser/overview.browser.test.ts found): the click may wait as long as it takes.
    await overview.page.getByTestId('overview-expand-all').click({ timeout: 900_000 });
    await overview.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const expandMs = performance.now() - started;
    const all = Number(await overview.page.evaluate('window.cy.elements().length'));
    const allFrames = await frames(overview.page);
    await overview.page.close();
    report.missing(
      LARGE,
      `overview (${renderer}) · ${entities?.entities} entities, ${drawn} drawn folded`,
      `first frame ${overview.ms.toFixed(0)} ms; frames ${foldedFrames.median.toFixed(1)} ms median, ${foldedFrames.p95.toFixed(1)} ms p95`,
    );
    report.missing(
      LARGE,
      `overview (${renderer}) · 全部展开, ${all} elements drawn`,
      `expand ${expandMs.toFixed(0)} ms; frames ${allFrames.median.toFixed(1)} ms median, ${allFrames.p95.toFixed(1)} ms p95`,
    );
    // The depth-3 network of a district.
    const network = await firstFrame(
      context,
      `${base}/?lens=network&syn=1&depth=3&renderer=${renderer}&focus=${encodeURIComponent(focus)}`,
    );
    const onScreen = Number(await network.page.evaluate('window.cy.nodes().length'));
    const networkFrames = await frames(network.page);
    await network.page.evaluate(`window.cy.zoom(1); window.cy.center(window.cy.getElementById(${JSON.stringify(focus)}));`);
    const overlap = (await network.page.evaluate(LABEL_OVERLAP_SCRIPT(false))) as { labels: number; pairs: number };
    const nodeOverlap = (await network.page.evaluate(LABELLED_NODE_OVERLAP_SCRIPT())) as { nodes: number; pairs: number };
    const layouts = (await network.page.evaluate(() =>
      performance
        .getEntriesByName('viewer:layout')
        .map((m) => (m as PerformanceMeasure).detail as { name: string; elements: number; layoutMs: number }),
    )) as { name: string; elements: number; layoutMs: number }[];
    await network.page.close();
    report.missing(
      LARGE,
      `depth-3 network (${renderer}) · ${nodes} nodes, ${onScreen} drawn grouped`,
      `first frame ${network.ms.toFixed(0)} ms; frames ${networkFrames.median.toFixed(1)} ms median, ${networkFrames.p95.toFixed(1)} ms p95; ${overlap.pairs} overlapping label pairs of ${overlap.labels} at zoom 1; ${nodeOverlap.pairs} overlapping labelled nodes of ${nodeOverlap.nodes}; layouts ${layouts.map((l) => `${l.name} ${l.layoutMs.toFixed(0)} ms`).join(', ')}`,
    );
    figures.push({
      renderer,
      overview: { entities, drawn, firstFrameMs: overview.ms, foldedFrames, expandMs, all, allFrames },
      network: { focus, nodes, onScreen, firstFrameMs: network.ms, frames: networkFrames, overlap, nodeOverlap, layouts },
    });
  }
  return figures;
}

/** The depth-3 network as the UX review measured it at 07bcc5b (viewer-ux.md, Task 8): the "before". */
const REVIEW_BEFORE = {
  nodes: 1778,
  edges: 2953,
  drawMs: 5800,
  layout: 'fcose 4.4 s',
  panFps: 11.5,
  panP95Ms: 233,
  overlappingLabelPairs: 5451,
};

type LargeFigures = Awaited<ReturnType<typeof largeViews>>;
interface Frames {
  median: number;
  p95: number;
}
/** What largeViews records per renderer (its figures, typed for the file written here). */
interface LargeFigure {
  renderer: string;
  overview: {
    entities?: { entities: number };
    drawn: number;
    firstFrameMs: number;
    foldedFrames: Frames;
    expandMs: number;
    all: number;
    allFrames: Frames;
  };
  network: {
    nodes: number;
    onScreen: number;
    firstFrameMs: number;
    frames: Frames;
    overlap: { labels: number; pairs: number };
    nodeOverlap: { nodes: number; pairs: number };
    layouts: { name: string; elements: number; layoutMs: number }[];
  };
}

const fps = (ms: number) => (ms > 0 ? 1000 / ms : 0);

/** The figures of 7b as their own file: bench/results/viewer.json and viewer.md. */
function writeViewerResults(figures: LargeFigures, store: BenchStore, started: Date) {
  const list = figures as unknown as LargeFigure[];
  mkdirSync('bench/results', { recursive: true });
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '' };
  const json = {
    started: started.toISOString(),
    command: 'npm run bench -- --only=viewer-large',
    graph: { seed: store.seed, prefix: store.prefix, nodes: store.nodes },
    machine,
    before: REVIEW_BEFORE,
    figures,
  };
  writeFileSync('bench/results/viewer.json', `${JSON.stringify(json, null, 2)}\n`);
  const lines = [
    `# Viewer at city scale (section 7b)`,
    '',
    `Run ${started.toISOString()} with \`npm run bench -- --only=viewer-large\` on the synthetic city (seed ${store.seed}, ${store.nodes} nodes), headless Chromium (\`--disable-gpu\`: WebGL is a software rasteriser here, a floor), ${machine.cpus} shared cores. Frame times: 80 frames of panning then zooming; fps = 1000 / median frame time.`,
    '',
    '| view | renderer | elements | first frame | frames median / p95 | fps (median) | overlapping label pairs (zoom 1) | overlapping labelled nodes (zoom 1) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| depth-3 network **before** (UX review at 07bcc5b) | canvas | ${REVIEW_BEFORE.nodes} nodes / ${REVIEW_BEFORE.edges} edges, all drawn | ${REVIEW_BEFORE.drawMs} ms | – / ${REVIEW_BEFORE.panP95Ms} ms | ${REVIEW_BEFORE.panFps} | ${REVIEW_BEFORE.overlappingLabelPairs} | – |`,
  ];
  for (const f of list) {
    const n = f.network;
    lines.push(
      `| depth-3 network (${n.nodes} nodes within 3 steps), grouped | ${f.renderer} | ${n.onScreen} nodes drawn | ${n.firstFrameMs.toFixed(0)} ms | ${n.frames.median.toFixed(1)} / ${n.frames.p95.toFixed(1)} ms | ${fps(n.frames.median).toFixed(0)} | ${n.overlap.pairs} of ${n.overlap.labels} labels | ${n.nodeOverlap.pairs} of ${n.nodeOverlap.nodes} |`,
    );
  }
  for (const f of list) {
    const o = f.overview;
    lines.push(
      `| city overview, 街道 folded (${o.entities?.entities ?? '?'} entities) | ${f.renderer} | ${o.drawn} | ${o.firstFrameMs.toFixed(0)} ms | ${o.foldedFrames.median.toFixed(1)} / ${o.foldedFrames.p95.toFixed(1)} ms | ${fps(o.foldedFrames.median).toFixed(0)} | – | – |`,
      `| city overview, 全部展开 | ${f.renderer} | ${o.all} | expand ${o.expandMs.toFixed(0)} ms | ${o.allFrames.median.toFixed(1)} / ${o.allFrames.p95.toFixed(1)} ms | ${fps(o.allFrames.median).toFixed(0)} | – | – |`,
    );
  }
  const layouts = list.map(
    (f) => `${f.renderer}: ${f.network.layouts.map((l) => `${l.name} ${l.layoutMs.toFixed(0)} ms (${l.elements} elements)`).join(', ')}`,
  );
  lines.push('', `Network layouts: ${layouts.join('; ')}.`, '');
  writeFileSync('bench/results/viewer.md', lines.join('\n'));
}

/** Section 7b alone (`--only=viewer-large`): the city overview and the depth-3 network, written to its own file. */
export async function viewerLarge(report: Report, store: BenchStore) {
  const started = new Date();
  await ensureViewerBuilt();
  const app = await buildBenchApp(store);
  let browser: Browser | undefined;
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', extraHTTPHeaders: authHeader() });
    const figures = await largeViews(report, store, context, base);
    report.raw.viewerLarge = figures;
    writeViewerResults(figures, store, started);
  } finally {
    await browser?.close();
    await app.close();
  }
}
