/**
 * GraphML (http://graphml.graphdrawing.org/) of an export, for Gephi and Cytoscape desktop: every
 * property becomes a declared <key> with its type (string, boolean, long, double; lists as JSON
 * text), nodes carry their labels and kind, edges their type. Claims are nodes too (label Claim),
 * linked from their subject by STATES edges. Links that leave the exported set (a subtree's link to
 * its parent outside) are left out: GraphML edges must join declared nodes.
 */
import type { ClaimRecord, NodeRecord, RelationshipRecord } from './graph-document.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type KeyType = 'string' | 'boolean' | 'long' | 'double';

const xmlText = (text: string) =>
  text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 forbids (control characters other than tab, newline, return).
    .replace(FORBIDDEN, '');

const typeOf = (value: unknown): KeyType =>
  typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? (Number.isInteger(value) ? 'long' : 'double') : 'string';

const textOf = (value: unknown) => (Array.isArray(value) || (value && typeof value === 'object') ? JSON.stringify(value) : String(value));

/** The keys of one element kind (node or edge): each property name with one type (string when mixed). */
class Keys {
  private readonly types = new Map<string, KeyType>();
  constructor(private readonly prefix: string) {}

  see(props: Record<string, unknown>) {
    for (const [name, value] of Object.entries(props)) {
      if (value == null) continue;
      const type = typeOf(value);
      const known = this.types.get(name);
      // long and double mix as double; anything else mixed is text.
      const merged =
        !known || known === type
          ? type
          : (known === 'long' && type === 'double') || (known === 'double' && type === 'long')
            ? 'double'
            : 'string';
      this.types.set(name, merged);
    }
  }

  id = (name: string) => `${this.prefix}${[...this.types.keys()].indexOf(name)}`;

  declarations(forWhat: 'node' | 'edge') {
    return [...this.types].map(
      ([name, type], i) => `  <key id="${this.prefix}${i}" for="${forWhat}" attr.name="${xmlText(name)}" attr.type="${type}"/>`,
    );
  }

  data(props: Record<string, unknown>, indent: string) {
    return Object.entries(props)
      .filter(([, value]) => value != null)
      .map(([name, value]) => `${indent}<data key="${this.id(name)}">${xmlText(textOf(value))}</data>`);
  }
}

export function toGraphml(
  graph: { nodes: NodeRecord[]; relationships: RelationshipRecord[]; claims: ClaimRecord[] },
  title: string,
): string {
  const nodeKeys = new Keys('n');
  const edgeKeys = new Keys('e');
  const nodes = [
    ...graph.nodes.map((n) => ({ id: n.id, props: { labels: n.labels.join(':'), ...n.props } })),
    ...graph.claims.map((c) => ({ id: c.id, props: { labels: 'Claim', kind: 'Claim', ...c.props } })),
  ];
  const declared = new Set(nodes.map((n) => n.id));
  const edges = [
    ...graph.relationships
      .filter((r) => declared.has(r.from) && declared.has(r.to))
      .map((r) => ({ from: r.from, to: r.to, props: { type: r.type, id: r.id, ...r.props } })),
    ...graph.claims.map((c) => ({ from: c.subject, to: c.id, props: { type: 'STATES', id: `${c.subject}|STATES|${c.id}` } })),
  ];
  for (const n of nodes) nodeKeys.see(n.props);
  for (const e of edges) edgeKeys.see(e.props);

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${xmlText(title)}</desc>`,
    ...nodeKeys.declarations('node'),
    ...edgeKeys.declarations('edge'),
    '  <graph id="G" edgedefault="directed">',
  ];
  for (const n of nodes) lines.push(`    <node id="${xmlText(n.id)}">`, ...nodeKeys.data(n.props, '      '), '    </node>');
  for (const e of edges) {
    // No id attribute: GraphML ids are NMTOKENs and ours hold "|"; the id is the edge's `id` data.
    lines.push(`    <edge source="${xmlText(e.from)}" target="${xmlText(e.to)}">`, ...edgeKeys.data(e.props, '      '), '    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
