/** Exports of the current view: the picture as PNG, the visible nodes as CSV (UTF-8, opens in Excel). */
import type { Core } from 'cytoscape';
import { describeError, download } from './api.ts';
import { type Me, mayExport } from './auth.ts';
import { h } from './dom.ts';
import { kindName, t } from './i18n.ts';

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

function stamp(lens: string): string {
  return `${t('export.filename')}-${lens}-${new Date().toISOString().slice(0, 10)}`;
}

export function exportPng(cy: Core, lens: string): void {
  // The whole graph, not just the viewport, at twice the screen's scale, capped to stay in memory.
  const blob = cy.png({ output: 'blob', full: true, scale: 2, maxWidth: 6000, maxHeight: 6000, bg: '#ffffff' });
  saveBlob(blob, `${stamp(lens)}.png`);
}

const csvCell = (value: unknown): string => {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

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
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
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
