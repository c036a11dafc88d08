/**
 * Audit lens: the audit rules' findings on the graph of an area (its villages in their subdistrict
 * boxes, plus every other entity a rule flags), each flagged node bordered in its worst severity's
 * colour; beside it the findings, filterable by rule and severity, and the finding of a clicked node.
 * Under the graph, a board with the coverage roll-up of the three pairing kinds, the area history
 * between two dates, and the report downloads (the last two only for roles that may use them).
 */
import type { EventObject, NodeSingular } from 'cytoscape';
import { describeError } from '../../api.ts';
import { areaFindings, auditElements, coverageRollup, type Findings, type Severity } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { formatNumber, type MessageKey, t } from '../../i18n.ts';
import { coverageLayout } from '../../layouts.ts';
import { areaLens } from '../area-picker.ts';
import { nestVillages } from '../coverage/coverage.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';
import { renderAuditBoard } from './audit-board.ts';
import { renderFindingsPanel } from './audit-findings.ts';
import { auditDefinitions, type FindingFilter, today } from './audit-model.ts';
import { renderRollup } from './audit-rollup.ts';

export function createAuditLens(): Lens {
  let chosenArea: string | null = null;
  let findings: Findings | null = null;
  let filter: FindingFilter = { rule: '', severity: '' };
  let selected: string | null = null;
  let board: HTMLElement | null = null;
  let rollupData: { byKind: Awaited<ReturnType<typeof coverageRollup>>; asOf: string } | null = null;
  let onTap: ((event: EventObject) => void) | null = null;

  const detach = (ctx: LensContext) => {
    if (onTap) ctx.view.cy.off('tap', 'node', onTap);
    onTap = null;
    board?.remove();
    board = null;
  };

  const summarize = (ctx: LensContext) => {
    if (!findings) {
      ctx.summary.replaceChildren();
      return;
    }
    renderFindingsPanel(ctx, {
      findings,
      filter,
      selected,
      onFilter(next) {
        filter = next;
        summarize(ctx);
      },
      onSelect(id) {
        selected = id;
        ctx.selectNode(id);
        summarize(ctx);
      },
    });
  };

  /** The board under the graph, drawn again (in the current language) over the last one. */
  const renderBoard = (ctx: LensContext, areaId: string) => {
    board?.remove();
    const drawn = renderAuditBoard(ctx, areaId);
    board = drawn.board;
    return drawn.rollup;
  };

  /** The roll-up table fills in on its own; the graph does not wait for it. */
  const loadRollup = (ctx: LensContext, areaId: string, page: HTMLElement) => {
    const asOf = ctx.state.asOf;
    coverageRollup(areaId, asOf, ctx.signal)
      .then((byKind) => {
        rollupData = { byKind, asOf: asOf ?? today() };
        renderRollup(page, byKind, rollupData.asOf, ctx);
      })
      .catch((error: unknown) => {
        if (!ctx.signal.aborted) replaceChildren(page, h('p', { class: 'hint', role: 'alert' }, describeError(error)));
      });
  };

  return areaLens({
    id: 'audit',
    reset(ctx) {
      detach(ctx);
      findings = null;
      selected = null;
      chosenArea = null;
    },
    async loadArea(ctx, chosen) {
      chosenArea = chosen;
      ctx.status.loading(t('status.loading.audit'));
      rollupData = null;
      loadRollup(ctx, chosen, renderBoard(ctx, chosen));
      const asOf = ctx.state.asOf;
      const [found, elements] = await Promise.all([areaFindings(chosen, asOf, ctx.signal), auditElements(chosen, asOf, ctx.signal)]);
      findings = found;
      summarize(ctx);
      const definitions = auditDefinitions(nestVillages(elements), found.nodes);
      ctx.status.loading(t('status.layout', { n: formatNumber(definitions.length) }));
      await nextFrame();
      await ctx.view.replace(definitions, (n) => coverageLayout(n));
      onTap = (event) => {
        const node = event.target as NodeSingular;
        if (!node.data('finding')) return;
        selected = node.id();
        summarize(ctx);
      };
      ctx.view.cy.on('tap', 'node', onTap);
      if (definitions.length === 0) ctx.status.empty(t('audit.noFindings'));
      else ctx.status.clear();
      ctx.notice(elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null);
    },
    renderSummary(ctx) {
      summarize(ctx);
      // The board's words follow the language too (the history is asked for again).
      if (board && chosenArea) {
        const rollupPage = renderBoard(ctx, chosenArea);
        if (rollupData) renderRollup(rollupPage, rollupData.byKind, rollupData.asOf, ctx);
      }
    },
    leave(ctx) {
      detach(ctx);
    },
    tooltip(node) {
      const s = node.data('finding') as Severity | undefined;
      return s ? t(`severity.${s}` as MessageKey) : null;
    },
  });
}
