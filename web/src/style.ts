/**
 * The graph's look, kept as data: style/cy-style.json (selectors with data() mappers, as in
 * Cytoscape's demos), style/kind-palette.json (kind → shape, colour, size; also read by the legend)
 * and style/cy-style-large.json (cheaper rules for big graphs: haystack edges, no arrows, labels only
 * when zoomed in). This module only puts them together.
 */
import type { StylesheetJson } from 'cytoscape';
import baseRules from './style/cy-style.json' with { type: 'json' };
import largeRules from './style/cy-style-large.json' with { type: 'json' };
import readableRules from './style/cy-style-readable.json' with { type: 'json' };
import kindPalette from './style/kind-palette.json' with { type: 'json' };
import pairingPalette from './style/pairing-palette.json' with { type: 'json' };

export interface KindLook {
  shape: string;
  color: string;
  size: number;
}

export const KIND_LOOKS: Record<string, KindLook> = kindPalette;
export const PAIRING_COLOURS: Record<string, string> = Object.fromEntries(Object.entries(pairingPalette).map(([k, v]) => [k, v.color]));

/** A sign per pairing status, beside its colour and ring style (lists, legends). */
export const PAIRING_SIGNS: Record<string, string> = { paired: '✓', unpaired: '✕', ended: '↺' };

/** Above this many elements the large-graph rules apply (see Cytoscape's performance guide). */
export const LARGE_GRAPH = 1200;

export function kindLook(kind: string): KindLook {
  return KIND_LOOKS[kind] ?? { shape: 'ellipse', color: '#90a4ae', size: 24 };
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const LIGHT_TEXT = '#ffffff';
const DARK_TEXT = '#000000';

/**
 * The text colour to write on a kind's colour: white where it reaches 4.5:1 (WCAG AA), else black,
 * which then does (one of the two always does: they cross at 4.58:1). The graph keeps the palette; badges stay legible.
 */
export function textOn(background: string): string {
  return contrastRatio(LIGHT_TEXT, background) >= 4.5 ? LIGHT_TEXT : DARK_TEXT;
}

/** Inline style of a kind badge: the kind's colour with legible text. */
export function kindBadgeStyle(kind: string): string {
  const { color } = kindLook(kind);
  return `background:${color};color:${textOn(color)}`;
}

/** The whole stylesheet: node defaults, one rule per kind, the shared rules, then large-graph rules. */
export function stylesheet(options: { large: boolean }): StylesheetJson {
  const [nodeDefaults, ...rules] = baseRules as StylesheetJson;
  const kindRules = Object.entries(KIND_LOOKS).map(([kind, look]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: look.shape, 'background-color': look.color, width: look.size, height: look.size },
  }));
  // The readable-view rules (overview boxes, aggregates, level-of-detail labels, keyboard focus) come
  // last: they decide over the large-graph rules which labels stay drawn when zoomed out.
  return [
    nodeDefaults!,
    ...(kindRules as StylesheetJson),
    ...rules,
    ...(options.large ? (largeRules as StylesheetJson) : []),
    ...(readableRules as StylesheetJson),
  ];
}
