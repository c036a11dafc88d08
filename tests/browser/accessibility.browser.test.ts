/**
 * Accessibility (issue #20): axe-core, injected into the real page, finds no serious or critical
 * violation on the lenses at 1440 px and at 390 px, in Chinese and in English; every kind badge's text
 * reaches 4.5:1 on its colour; the focus ring shows on the red top bar; the lens tabs answer ←/→;
 * pairing status is told by a sign and a ring style as well as colour. (axe-core is evaluated in the
 * page, see AXE_SOURCE.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, KIND_LOOKS, textOn } from '../../web/src/style.ts';
import { openPage, settled, startViewer, type Viewer } from './browser.ts';

// Evaluated through the DevTools protocol: the viewer's Content-Security-Policy (script-src 'self')
// rightly refuses an injected <script> tag.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let viewer: Viewer;

beforeAll(async () => {
  // Behaviour, not speed: a busy machine's reads may outlast the default per-request database time.
  viewer = await startViewer({ env: { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' } });
}, 600_000);

afterAll(async () => {
  await viewer?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations as Violation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

const LENS_PATHS = [
  '/?lens=hierarchy',
  '/?lens=network&focus=sz-yufu-quanyuan-joint-committee',
  '/?lens=coverage',
  '/?lens=chains',
  '/?lens=audit',
];

describe('axe-core: no serious or critical violations', () => {
  for (const width of [1440, 390]) {
    for (const lang of ['zh-CN', 'en']) {
      it(`at ${width} px in ${lang}`, async () => {
        const found: string[] = [];
        for (const path of LENS_PATHS) {
          const { page } = await openPage(viewer, `${path}${lang === 'en' ? '&lang=en' : ''}`);
          await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
          await settled(page, 180_000);
          found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
          await page.close();
        }
        expect(found).toEqual([]);
        // Five lenses, each loaded and checked: minutes on a busy machine.
      }, 600_000);
    }
  }
});

describe('colour and focus', () => {
  it('every kind badge is legible: text on the kind colour at 4.5:1 or more', () => {
    const failing = Object.entries(KIND_LOOKS)
      .map(([kind, look]) => ({ kind, ratio: contrastRatio(textOn(look.color), look.color) }))
      .filter((k) => k.ratio < 4.5);
    expect(failing).toEqual([]);
  });

  it('shows a focus ring on the red top bar that stands out from it', async () => {
    const { page } = await openPage(viewer, '/?lens=hierarchy');
    await settled(page);
    await page.locator('#lang-switch').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { id: document.activeElement!.id, outline: style.outlineStyle, colour: style.outlineColor, width: style.outlineWidth };
    });
    expect(ring.id).toBe('lang-switch');
    expect(ring.outline).toBe('solid');
    expect(ring.colour).toBe('rgb(255, 255, 255)');
    expect(Number.parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('moves between lens tabs with ←/→, keeping the focus on the chosen tab', async () => {
    const { page } = await openPage(viewer, '/?lens=hierarchy');
    await settled(page);
    await page.locator('#lens-tabs [data-lens="hierarchy"]').focus();
    await page.keyboard.press('ArrowRight');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('lens')).toBe('network');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.lens)).toBe('network');
    // Back past the first tab (驾驶舱, the landing page) wraps round to the last (审计).
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(new URL(page.url()).searchParams.get('lens')).toBe('dashboard');
    await page.keyboard.press('ArrowLeft');
    expect(new URL(page.url()).searchParams.get('lens')).toBe('audit');
    // One tab stop for the whole tablist.
    expect(await page.locator('#lens-tabs [tabindex="0"]').count()).toBe(1);
    await page.close();
  });

  it('tells pairing status by ring style and a sign, not colour alone', async () => {
    const { page } = await openPage(viewer, '/?lens=network&focus=sz-yufu-quanyuan-joint-committee');
    await settled(page, 180_000);
    const styles = await page.evaluate(() => {
      const cy = (window as any).cy;
      const of = (status: string) => cy.nodes(`[pairing = "${status}"]`).first();
      return ['paired', 'unpaired', 'ended'].map((s) => (of(s).nonempty() ? of(s).style('border-style') : null)).filter(Boolean);
    });
    expect(styles.length).toBeGreaterThan(0);
    expect(new Set(styles).size).toBe(styles.length);
    await page.close();
    // The coverage lens's legend: each status with its ring and sign.
    const coverage = await openPage(viewer, '/?lens=coverage&area=sz-shizhong-district');
    await settled(coverage.page, 180_000);
    const signs = await coverage.page.locator('#legend li[data-pairing] .status-sign').allTextContents();
    expect(signs.length).toBeGreaterThan(0);
    expect(signs.every((s) => s.trim().length > 0)).toBe(true);
    await coverage.page.close();
  });
});
