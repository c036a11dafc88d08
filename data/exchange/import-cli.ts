/**
 * `npm run import -- FILE… [--dry-run] [--actor NAME] [--scope AREA-ID]`
 *
 * Imports CSV/xlsx files made from the templates (npm run import -- --template NAME writes one), or a
 * graph.json made by `npm run export`. Prints every problem by file, row and column; a real run writes
 * nothing when there is any. Exit code 0: imported (or a clean dry run); 1: problems; 2: bad usage.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { runCli, withNeo4j } from '../cli.ts';
import { importGraphFile } from './import-graph.ts';
import { formatIssue, type ImportReport } from './import-report.ts';
import { type ImportStage, parseFile, runImport } from './run-import.ts';
import { isTemplateName, TEMPLATE_NAMES, templateCsv, templateXlsx } from './templates.ts';

const USAGE = `usage: npm run import -- FILE… [--dry-run] [--actor NAME] [--scope AREA-ID]
       npm run import -- --template ${TEMPLATE_NAMES.join('|')} [--out FILE.csv|FILE.xlsx]`;

const STAGE_ZH: Record<ImportStage, string> = { reading: '读取', checking: '检查', writing: '写入' };

function progressBar() {
  const bar = new cliProgress.SingleBar(
    { format: '{stage} [{bar}] {value}/{total} {unit} | {duration_formatted}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let current: ImportStage | null = null;
  return {
    update(stage: ImportStage, done: number, total: number | null, unit = 'rows') {
      if (!process.stderr.isTTY) return;
      if (stage !== current) {
        if (current) bar.stop();
        current = stage;
        bar.start(total ?? done, done, { stage: STAGE_ZH[stage], unit });
      }
      if (total !== null) bar.setTotal(Math.max(total, done));
      else bar.setTotal(done);
      bar.update(done);
    },
    stop: () => {
      if (current) bar.stop();
      current = null;
    },
  };
}

function printReport(report: ImportReport) {
  for (const error of report.errors) console.log(formatIssue(error));
  for (const [template, c] of Object.entries(report.counts)) {
    console.log(
      `[import] ${template}: ${c.rows} rows — ${c.created} new, ${c.updated} updated, ${c.moved} moved, ${c.unchanged} unchanged` +
        (report.dryRun ? ' (dry run: would be)' : ''),
    );
  }
  const outcome = report.dryRun
    ? `dry run: ${report.errors.length} problem(s), nothing written`
    : report.errors.length > 0
      ? `refused: ${report.errors.length} problem(s), nothing written`
      : report.written
        ? `written in one transaction, ${report.changes} change-log entries`
        : 'nothing to change (the graph already holds every row)';
  console.log(`[import] ${outcome}; ${report.seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      actor: { type: 'string', default: process.env.USER ? `cli:${process.env.USER}` : 'cli' },
      scope: { type: 'string' },
      template: { type: 'string' },
      out: { type: 'string' },
    },
  });

  if (values.template !== undefined) {
    if (!isTemplateName(values.template)) {
      console.error(`--template must be one of ${TEMPLATE_NAMES.join(', ')}\n${USAGE}`);
      process.exit(2);
    }
    const out = values.out ?? `${values.template}.xlsx`;
    writeFileSync(out, out.endsWith('.csv') ? templateCsv(values.template) : await templateXlsx(values.template));
    console.log(`[import] template ${values.template} written to ${out}`);
    return;
  }
  if (positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }

  const bar = progressBar();
  const options = {
    dryRun: values['dry-run'],
    actor: values.actor,
    scope: values.scope ?? null,
    onProgress: (stage: ImportStage, done: number, total: number | null) => bar.update(stage, done, total),
  };
  let report: ImportReport;
  await withNeo4j(async (driver, database) => {
    if (positionals.length === 1 && positionals[0]!.toLowerCase().endsWith('.json')) {
      report = await importGraphFile(driver, database, positionals[0]!, options);
    } else {
      const parsed = [];
      const started = performance.now();
      for (const file of positionals) {
        parsed.push(await parseFile(basename(file), createReadStream(file), (n) => bar.update('reading', n, null)));
      }
      bar.stop();
      const rows = parsed.reduce((sum, p) => sum + p.rowsRead, 0);
      console.log(`[import] read ${rows} rows from ${parsed.length} file(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      report = await runImport(driver, database, parsed, options);
    }
    bar.stop();
  });
  printReport(report!);
  if (report!.errors.length > 0) process.exitCode = 1;
});
