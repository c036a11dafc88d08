/**
 * The graph's look, kept as data: style/cy-style.json (selectors with data() mappers, as in
 * Cytoscape's demos), style/kind-palette.json (kind → shape, colour, size; also read by the legend)
 * and style/cy-style-large.json (cheaper rules for big graphs: haystack edges, no arrows, labels only
 * when zoomed in). This module only puts them together.
 */
import type { StylesheetJson } from 'cytoscape';
import baseRules from './style/cy-style.json' with { type: 'json' };
import largeRules from './style/cy-style-large.json' with { type: 'json' };
import kindPalette from './style/kind-palette.json' with { type: 'json' };
import pairingPalette from './style/pairing-palette.json' with { type: 'json' };

export interface KindLook {
  shape: string;
  color: string;
  size: number;
}

export const KIND_LOOKS: Record<string, KindLook> = kindPalette;
export const PAIRING_COLOURS: Record<string, string> = Object.fromEntries(Object.entries(pairingPalette).map(([k, v]) => [k, v.color]));

/** Above this many elements the large-graph rules apply (see Cytoscape's performance guide). */
export const LARGE_GRAPH = 1200;

export function kindLook(kind: string): KindLook {
  return KIND_LOOKS[kind] ?? { shape: 'ellipse', color: '#90a4ae', size: 24 };
}

/** The whole stylesheet: node defaults, one rule per kind, the shared rules, then large-graph rules. */
export function stylesheet(options: { large: boolean }): StylesheetJson {
  const [nodeDefaults, ...rules] = baseRules as StylesheetJson;
  const kindRules = Object.entries(KIND_LOOKS).map(([kind, look]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: look.shape, 'background-color': look.color, width: look.size, height: look.size },
  }));
  return [nodeDefaults!, ...(kindRules as StylesheetJson), ...rules, ...(options.large ? (largeRules as StylesheetJson) : [])];
}
