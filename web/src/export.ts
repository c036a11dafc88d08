/**
 * Exports of the current view, ready for a report (汇报): the picture as PNG or SVG with a title, the
 * date (Beijing time), a legend of what is drawn, a data-source line and, when synthetic data is on
 * screen, a 合成数据 watermark; the visible nodes as CSV (UTF-8, opens in Excel); and the buttons that
 * download a list on screen through the server's exports.
 */

import type { Core } from 'cytoscape';
import cytoscape from 'cytoscape';
import svgExtension from 'cytoscape-svg';
import { beijingTime } from '../../schema/beijing-time.ts';
import { csvText } from '../../schema/csv-text.ts';
import { describeError, download } from './api.ts';
import { type Me, mayExport } from './auth.ts';
import { h } from './dom.ts';
import { kindName, lang, t } from './i18n.ts';
import { reportOutlets } from './queries.ts';
import { kindLook, PAIRING_COLOURS, PAIRING_SIGNS } from './style.ts';

cytoscape.use(svgExtension);

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Now in Beijing time (UTC+8), the time a planner in Jinan reads: 2026-11-29 23:47. */
export function beijingNow(now = new Date()): string {
  return beijingTime(now)!.slice(0, 16);
}

function stamp(lens: string): string {
  return `${t('export.filename')}-${lens}-${beijingNow().slice(0, 10)}`;
}

/** What the picture says around the graph. */
export interface PictureCaption {
  title: string;
  date: string;
  legend: { colour: string; label: string; sign?: string }[];
  source: string;
  synthetic: boolean;
}

/** The outlets of the reports the documented data comes from (asked once), for the data-source line. */
function outlets(): Promise<string[]> {
  return reportOutlets()
    .then((found) => [...new Set(found.values())])
    .catch(() => []);
}

/** The caption of what is on screen: the lens and area as the title, the kinds and statuses drawn as the legend. */
export async function pictureCaption(cy: Core, lens: string): Promise<PictureCaption> {
  const visible = cy.nodes().filter((n) => n.visible() && n.data('kind') != null);
  const kinds = [...new Set(visible.map((n) => String(n.data('kind'))))];
  const statuses = [...new Set(visible.map((n) => n.data('pairing') as string | null).filter((p): p is string => !!p))];
  const lensName = document.querySelector(`#lens-tabs [data-lens="${lens}"]`)?.textContent ?? lens;
  const area = document.querySelector<HTMLSelectElement>('#area-select')?.selectedOptions[0]?.textContent;
  const synthetic = visible.some((n) => n.data('synthetic') === true);
  const names = await outlets();
  return {
    title: [t('app.title'), lensName, area].filter(Boolean).join(' · '),
    date: t('picture.date', { date: beijingNow() }),
    legend: [
      ...kinds.map((kind) => ({ colour: kindLook(kind).color, label: kindName(kind) })),
      ...statuses.map((status) => ({
        colour: PAIRING_COLOURS[status] ?? '#888888',
        label: t(`pairing.${status}` as 'pairing.paired'),
        sign: PAIRING_SIGNS[status],
      })),
    ],
    source: t('picture.source', { outlets: names.join(lang() === 'en' ? ', ' : '、') || t('picture.reports') }),
    synthetic,
  };
}

const PAD = 24;
const HEADER = 64;
const LEGEND_ROW = 22;
const FOOTER = 34;
const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Legend items placed in rows across the width: [x, y] of each swatch, and the legend's height. */
function legendLayout(items: PictureCaption['legend'], width: number): { at: [number, number][]; height: number } {
  const at: [number, number][] = [];
  let x = PAD;
  let y = 0;
  for (const item of items) {
    const w = 24 + item.label.length * 13 + (item.sign ? 14 : 0) + 16;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += LEGEND_ROW;
    }
    at.push([x, y]);
    x += w;
  }
  return { at, height: items.length === 0 ? 0 : y + LEGEND_ROW + 8 };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The picture as an SVG document: the title and date on top, the graph (cytoscape-svg's own SVG of
 * the whole graph) below, then the legend and the data-source line, and a diagonal 合成数据 across it
 * all when synthetic data is drawn.
 */
export function reportSvg(graphSvg: string, graph: { width: number; height: number }, caption: PictureCaption): string {
  const width = Math.max(Math.ceil(graph.width) + 2 * PAD, 720);
  const legend = legendLayout(caption.legend, width);
  const top = HEADER;
  const legendTop = top + graph.height + 12;
  const height = Math.ceil(legendTop + legend.height + FOOTER);
  const inner = graphSvg.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '');
  const legendItems = caption.legend
    .map((item, i) => {
      const [x, y] = legend.at[i]!;
      const label = `${item.sign ? `${item.sign} ` : ''}${item.label}`;
      return `<rect x="${x}" y="${legendTop + y}" width="16" height="16" rx="3" fill="${item.colour}" stroke="#555"/><text x="${x + 22}" y="${legendTop + y + 13}" font-size="13">${escapeXml(label)}</text>`;
    })
    .join('');
  const watermark = caption.synthetic
    ? `<text data-watermark="synthetic" x="${width / 2}" y="${height / 2}" font-size="${Math.round(Math.min(width, height) / 5)}" fill="#c62828" fill-opacity="0.18" text-anchor="middle" dominant-baseline="middle" transform="rotate(-30 ${width / 2} ${height / 2})">${escapeXml(t('picture.synthetic'))}</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PAD}" y="30" font-size="20" font-weight="600" data-role="title">${escapeXml(caption.title)}</text>`,
    `<text x="${PAD}" y="52" font-size="13" fill="#444" data-role="date">${escapeXml(caption.date)}</text>`,
    `<g transform="translate(${(width - graph.width) / 2} ${top})">${inner}</g>`,
    `<g data-role="legend">${legendItems}</g>`,
    `<text x="${PAD}" y="${height - 12}" font-size="12" fill="#444" data-role="source">${escapeXml(caption.source)}</text>`,
    watermark,
    '</svg>',
  ].join('');
}

/** Cytoscape's picture of the whole graph (not just the viewport), capped to stay in memory. */
const GRAPH_PICTURE = { full: true, scale: 1, maxWidth: 3000, maxHeight: 3000, bg: '#ffffff' } as const;

export async function exportSvg(cy: Core, lens: string): Promise<void> {
  const caption = await pictureCaption(cy, lens);
  const graphSvg = (cy as unknown as { svg(options: object): string }).svg(GRAPH_PICTURE);
  const size = /<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/.exec(graphSvg);
  const box = cy.elements().boundingBox();
  const graph = { width: Number(size?.[1] ?? box.w), height: Number(size?.[2] ?? box.h) };
  saveBlob(new Blob([reportSvg(graphSvg, graph, caption)], { type: 'image/svg+xml;charset=utf-8' }), `${stamp(lens)}.svg`);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the picture could not be drawn'));
    image.src = src;
  });
}

/** The same picture as a PNG at twice the scale: the graph from cy.png, the rest drawn on a canvas. */
export async function exportPng(cy: Core, lens: string): Promise<void> {
  const caption = await pictureCaption(cy, lens);
  const scale = 2;
  const graph = await loadImage(cy.png({ ...GRAPH_PICTURE, output: 'base64uri' }));
  const width = Math.max(graph.width + 2 * PAD, 720);
  const legend = legendLayout(caption.legend, width);
  const height = Math.ceil(HEADER + graph.height + 12 + legend.height + FOOTER);
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#1f2933';
  g.font = `600 20px ${FONT}`;
  g.fillText(caption.title, PAD, 30);
  g.fillStyle = '#444444';
  g.font = `13px ${FONT}`;
  g.fillText(caption.date, PAD, 52);
  g.drawImage(graph, (width - graph.width) / 2, HEADER);
  const legendTop = HEADER + graph.height + 12;
  caption.legend.forEach((item, i) => {
    const [x, y] = legend.at[i]!;
    g.fillStyle = item.colour;
    g.fillRect(x, legendTop + y, 16, 16);
    g.strokeStyle = '#555555';
    g.strokeRect(x, legendTop + y, 16, 16);
    g.fillStyle = '#1f2933';
    g.fillText(`${item.sign ? `${item.sign} ` : ''}${item.label}`, x + 22, legendTop + y + 13);
  });
  g.fillStyle = '#444444';
  g.font = `12px ${FONT}`;
  g.fillText(caption.source, PAD, height - 12);
  if (caption.synthetic) {
    g.save();
    g.translate(width / 2, height / 2);
    g.rotate((-30 * Math.PI) / 180);
    g.globalAlpha = 0.18;
    g.fillStyle = '#c62828';
    g.font = `600 ${Math.round(Math.min(width, height) / 5)}px ${FONT}`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(t('picture.synthetic'), 0, 0);
    g.restore();
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob) saveBlob(blob, `${stamp(lens)}.png`);
}

/** The nodes a planner can see (not filtered out, not folded away), one per row. */
export function visibleNodesCsv(cy: Core): string {
  const header = [t('csv.id'), t('csv.name'), t('csv.kind'), t('csv.kindName'), t('csv.category'), t('csv.pairing'), t('csv.synthetic')];
  const rows = cy
    .nodes()
    .filter((node) => node.visible() && node.data('kind') != null)
    .map((node) => [
      node.id(),
      node.data('label'),
      node.data('kind'),
      kindName(node.data('kind')),
      node.data('category'),
      node.data('pairing') ? t(`pairing.${node.data('pairing')}` as 'pairing.paired') : '',
      node.data('synthetic') ? t('yes') : t('no'),
    ]);
  // Formulas in names neutralised as in the server's exports (schema/csv-text.ts).
  return csvText([header, ...rows], '\r\n');
}

export function exportCsv(cy: Core, lens: string): void {
  // A byte-order mark so Excel reads the Chinese names as UTF-8.
  saveBlob(new Blob(['\ufeff', visibleNodesCsv(cy)], { type: 'text/csv;charset=utf-8' }), `${stamp(lens)}.csv`);
}

/**
 * CSV and XLSX buttons for a list on screen: each asks the server's export of the same list
 * (server/routes/exports.ts), so the file holds what the API answers, with the district, 街道,
 * status, partner and dates a report (汇报) needs. Hidden for a role that may not export.
 */
export function listDownloads(
  me: Me | null,
  report: string,
  params: Record<string, string | null | undefined>,
  testId: string,
): HTMLElement | null {
  if (!mayExport(me)) return null;
  const message = h('span', { class: 'hint', role: 'alert' });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== '') query.set(key, value);
  const button = (format: 'csv' | 'xlsx') =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-testid': `${testId}-${format}`,
        onclick: () => {
          message.textContent = '';
          download(`/export/${report}.${format}?${query}`, `${report}.${format}`).catch((error: unknown) => {
            message.textContent = t('audit.downloadFailed', { detail: describeError(error) });
          });
        },
      },
      `${t('export.list')} ${format.toUpperCase()}`,
    );
  return h('span', { class: 'downloads list-downloads' }, button('csv'), button('xlsx'), message);
}
