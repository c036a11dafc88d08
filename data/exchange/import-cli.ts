/**
 * `npm run import -- FILE… [--dry-run] [--actor NAME] [--scope AREA-ID]`
 *
 * Imports CSV/xlsx files made from the templates (npm run import -- --template NAME writes one), or a
 * graph.json made by `npm run export`. Prints every problem by file, row and column; a real run writes
 * nothing when there is any. Exit code 0: imported (or a clean dry run); 1: problems; 2: bad usage.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { CliError, parseCommand, runCli, UsageError, withNeo4j, writeOutput } from '../../db/cli.ts';
import { loadConfig } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { importGraphFile } from './import-graph.ts';
import { formatIssue, type ImportReport } from './import-report.ts';
import { type ImportStage, importLimitsOf, parseFile, runImport } from './run-import.ts';
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

const COMMAND = {
  usage: USAGE.replace(/^usage: /, ''),
  help: `Imports CSV/xlsx files made from the templates, or one graph.json made by npm run export; prints
every problem by file, row and column. A real run writes all rows in one transaction, or nothing when
there is any problem. Exit 0: imported (or a clean dry run); 1: problems; 2: bad usage.

  --dry-run          check only, write nothing
  --actor NAME       the change log's actor (default cli:$USER)
  --scope AREA-ID    check as an editor of this area would be checked
  --template NAME    write an empty template instead (${TEMPLATE_NAMES.join(', ')})
  --out FILE         the template's file (.csv or .xlsx; default NAME.xlsx)
  -h, --help         this text`,
  options: {
    'dry-run': { type: 'boolean', default: false },
    actor: { type: 'string', default: process.env.USER ? `cli:${process.env.USER}` : 'cli' },
    scope: { type: 'string' },
    template: { type: 'string' },
    out: { type: 'string' },
  },
  positionals: { min: 0, max: 1_000, name: 'FILE' },
} as const;

runCli(async () => {
  const { values, positionals } = parseCommand(COMMAND);

  if (values.template !== undefined) {
    if (!isTemplateName(values.template)) throw new UsageError(`--template must be one of ${TEMPLATE_NAMES.join(', ')}`);
    const template = values.template;
    const out = values.out ?? `${template}.xlsx`;
    const content = out.endsWith('.csv') ? templateCsv(template) : await templateXlsx(template);
    await writeOutput(out, async (stream) => {
      stream.end(content);
    });
    console.log(`[import] template ${template} written to ${out}`);
    return;
  }
  if (positionals.length === 0) throw new UsageError('no FILE to import');
  // A missing or unreadable file is named before any database is started.
  for (const file of positionals) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`${file}: no such file`);
    if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  }
  const isGraphJson = positionals.some((file) => file.toLowerCase().endsWith('.json'));
  if (isGraphJson && positionals.length > 1) throw new UsageError('a graph.json is imported on its own, not with other files');

  const config = loadConfig();
  const bar = progressBar();
  const options = {
    dryRun: values['dry-run'],
    actor: values.actor,
    scope: values.scope ?? null,
    safetyDir: config.BACKUP_DIR,
    onProgress: (stage: ImportStage, done: number, total: number | null) => bar.update(stage, done, total),
  };
  let report: ImportReport;
  await withNeo4j(async (driver, database) => {
    if (isGraphJson) {
      report = await importGraphFile(GraphStore.forLoads(driver, database), positionals[0]!, options);
    } else {
      const parsed = [];
      const started = performance.now();
      const limits = importLimitsOf(config);
      let rows = 0;
      for (const file of positionals) {
        const one = await parseFile(basename(file), createReadStream(file), (n) => bar.update('reading', n, null), {
          ...limits,
          maxRows: limits.maxRows - rows,
        });
        rows += one.rowsRead;
        parsed.push(one);
      }
      bar.stop();
      console.log(`[import] read ${rows} rows from ${parsed.length} file(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const tooLarge = parsed.flatMap((p) => p.issues).find((i) => i.code === 'TOO_LARGE');
      if (tooLarge) throw new CliError(formatIssue(tooLarge));
      report = await runImport(GraphStore.forLoads(driver, database), parsed, options);
    }
    bar.stop();
  });
  printReport(report!);
  if (report!.safetyBackup) console.log(`[import] the graph before this import is in ${report!.safetyBackup}`);
  if (report!.errors.length > 0) process.exitCode = 1;
});
