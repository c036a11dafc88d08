/**
 * The browser tier's harness: the real app (tests/helpers/app.ts) serving the built viewer on a free
 * port, Debian's Chromium driven by playwright-core, and a page that records every console error,
 * uncaught exception and failed request, so a test can assert there were none.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureViewerBuilt } from '../../server/viewer-build.ts';
import { type As, buildTestApp, tokenFor } from '../helpers/app.ts';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Viewer {
  app: Awaited<ReturnType<typeof buildTestApp>>;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export interface ViewerOptions {
  /** Settings for the app (e.g. AUTH_DEMO). */
  env?: Record<string, string>;
  /**
   * Who the pages are signed in as: a token minted for this principal is put in sessionStorage before
   * any page script runs, as the sign-in screen would. An auditor by default; null for no sign-in.
   */
  as?: As | null;
}

export const AUDITOR: As = { role: 'auditor', name: '测试审计员' };

/** Puts a token where the viewer keeps it (web/src/auth.ts), in every page of the context. */
export async function signInContext(context: BrowserContext, as: As): Promise<void> {
  await context.addInitScript((token) => {
    if (!sessionStorage.getItem('partygraph.token')) sessionStorage.setItem('partygraph.token', token);
  }, tokenFor(as));
}

export async function startViewer(options: ViewerOptions = {}): Promise<Viewer> {
  // The server serves web/dist as it finds it at start: build it first when the sources are newer.
  await ensureViewerBuilt();
  const app = await buildTestApp(options.env);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  const as = options.as === undefined ? AUDITOR : options.as;
  if (as) await signInContext(context, as);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    app,
    baseUrl: address,
    browser,
    context,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

export async function openPage(viewer: Viewer, path: string): Promise<WatchedPage> {
  const page = await viewer.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // The viewer cancels requests whose answer is no longer wanted (a newer click, a new view).
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${viewer.baseUrl}${path}`);
  return { page, problems };
}

/** Waits until the lens has finished loading (the status overlay is idle, empty or an error). */
export async function settled(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction(
    () => {
      const status = document.getElementById('status')?.dataset.state;
      return status !== undefined && status !== 'loading' && (window as unknown as { cy?: unknown }).cy !== undefined;
    },
    null,
    { timeout },
  );
  // Two frames, so what was laid out has been drawn.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => document.getElementById('status')?.dataset.state ?? '');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The labels of the nodes on screen. */
export function nodeLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).cy.nodes().map((n: any) => String(n.data('label'))));
}

/** Moves the view so the node is in the middle, and returns its position on the page. */
export async function nodeOnPage(page: Page, match: { id?: string; label?: string }): Promise<{ x: number; y: number }> {
  return page.evaluate((m) => {
    const cy = (window as any).cy;
    const node = m.id ? cy.getElementById(m.id) : cy.nodes().filter((n: any) => n.data('label') === m.label)[0];
    if (!node || node.empty()) throw new Error(`no node ${JSON.stringify(m)} on screen`);
    cy.center(node);
    const rendered = node.renderedPosition();
    const box = document.getElementById('cy')!.getBoundingClientRect();
    return { x: box.left + rendered.x, y: box.top + rendered.y };
  }, match);
}
