/**
 * The results: one row per measured ratio ({ name, ratio, target, met }), the raw figures behind
 * them, graph sizes and the machine; written as bench/results/latest.json and latest.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Row {
  /** Section and what was compared, e.g. "api/raw p50 · point lookup by name (city)". */
  name: string;
  section: string;
  ratio: number | null;
  /** The ratio must be ≤ target (or ≥ target when `atLeast`); null when only reported. */
  target: number | null;
  atLeast?: boolean;
  met: boolean | null;
  /** What the two sides of the ratio were, in words and figures (ms, req/s…). */
  detail?: string;
  /** Why there is no ratio (e.g. "not expressible"). */
  note?: string;
}

export class Report {
  readonly rows: Row[] = [];
  readonly raw: Record<string, unknown> = {};
  readonly graphs: Record<string, unknown> = {};
  readonly notes: string[] = [];
  started = new Date();

  constructor(readonly mode: 'quick' | 'full') {}

  /** Adds a ratio row and prints it with its target. */
  ratio(section: string, name: string, ratio: number, target: number | null, options: { atLeast?: boolean; detail?: string } = {}) {
    const met = target === null ? null : options.atLeast ? ratio >= target : ratio <= target;
    const row: Row = { name, section, ratio, target, met, ...options };
    this.rows.push(row);
    const goal = target === null ? '(reported)' : `target ${options.atLeast ? '≥' : '≤'} ${target} ${met ? 'met' : 'MISSED'}`;
    console.log(`  ${name.padEnd(64)} ${ratio.toFixed(2).padStart(7)}×  ${goal}${options.detail ? `   ${options.detail}` : ''}`);
    return row;
  }

  /** A row with no ratio, e.g. a question the peer cannot express. */
  missing(section: string, name: string, note: string, target: number | null = null, atLeast = false) {
    this.rows.push({ name, section, ratio: null, target, atLeast, met: null, note });
    console.log(`  ${name.padEnd(64)}       –   ${note}`);
  }

  /**
   * Writes the results. With `keepOthers` (a run of some sections only), the rows, figures and graphs
   * of the other sections are kept from the previous latest.json, and a note says which were re-run.
   */
  /** Re-renders latest.md from latest.json (after a change to the table's format). */
  static rerender(dir = 'bench/results') {
    const json = JSON.parse(readFileSync(`${dir}/latest.json`, 'utf8'));
    const report = new Report(json.mode);
    (report as { started: Date }).started = new Date(json.started);
    report.rows.push(...json.rows);
    Object.assign(report.graphs, json.graphs);
    report.notes.push(...json.notes);
    writeFileSync(`${dir}/latest.md`, report.markdown(json.machine, new Date(json.finished)));
  }

  write(dir = 'bench/results', keepOthers = false) {
    mkdirSync(dir, { recursive: true });
    if (keepOthers && existsSync(`${dir}/latest.json`)) {
      const previous = JSON.parse(readFileSync(`${dir}/latest.json`, 'utf8')) as {
        started: string;
        rows: Row[];
        raw: Record<string, unknown>;
        graphs: Record<string, unknown>;
        notes: string[];
      };
      const rerun = new Set(this.rows.map((r) => r.section));
      this.rows.unshift(...previous.rows.filter((r) => !rerun.has(r.section)));
      const order = [...new Set(previous.rows.map((r) => r.section))];
      const rank = (section: string) => (order.includes(section) ? order.indexOf(section) : order.length);
      this.rows.sort((a, b) => rank(a.section) - rank(b.section));
      for (const [key, value] of Object.entries(previous.raw)) if (!(key in this.raw)) this.raw[key] = value;
      for (const [key, value] of Object.entries(previous.graphs)) if (!(key in this.graphs)) this.graphs[key] = value;
      this.notes.unshift(
        ...previous.notes.filter((n) => !n.startsWith('re-run')),
        `re-run ${this.started.toISOString()}: ${[...rerun].join('; ')} (the other sections are from the run of ${previous.started})`,
      );
    }
    const cpu = cpus();
    const machine = {
      cpus: cpu.length,
      cpu: cpu[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    };
    const finished = new Date();
    const json = {
      started: this.started.toISOString(),
      finished: finished.toISOString(),
      mode: this.mode,
      machine,
      graphs: this.graphs,
      rows: this.rows.map(({ name, ratio, target, met, ...rest }) => ({ name, ratio, target, met, ...rest })),
      notes: this.notes,
      raw: this.raw,
    };
    writeFileSync(`${dir}/latest.json`, `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(`${dir}/latest.md`, this.markdown(machine, finished));
    // A whole run (not --only) is also the reference the README's table is made from, and committed.
    if (!keepOthers) {
      writeFileSync(`${dir}/reference.json`, `${JSON.stringify(json, null, 2)}\n`);
      writeFileSync(`${dir}/reference.md`, this.markdown(machine, finished));
    }
  }

  private markdown(machine: Record<string, unknown>, finished: Date) {
    const minutes = ((finished.getTime() - this.started.getTime()) / 60_000).toFixed(1);
    const graphs = Object.entries(this.graphs)
      .map(([name, g]) => {
        const { nodes, relationships } = g as { nodes: number; relationships: number };
        return `${name}: ${nodes.toLocaleString('en-US')} nodes, ${relationships.toLocaleString('en-US')} relationships`;
      })
      .join('; ');
    const lines = [
      `# Benchmarks — ${this.mode} run, ${this.started.toISOString()} (${minutes} min)`,
      '',
      `Graphs: ${graphs || 'none'}.`,
      `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average at the end ${(machine.loadAverage as number[]).join(' / ')}.`,
      '',
      'Every ratio is measured within this one run, its variants interleaved and repeated; p50 and p99 are over the repetitions.',
      '',
    ];
    const sections = [...new Set(this.rows.map((r) => r.section))];
    for (const section of sections) {
      lines.push(`## ${section}`, '', '| measure | ratio | target | met | figures |', '| --- | ---: | ---: | --- | --- |');
      for (const r of this.rows.filter((row) => row.section === section)) {
        const ratio = r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`;
        const target = r.target === null ? '–' : `${r.atLeast ? '≥' : '≤'} ${r.target}`;
        // A question only our API can ask is no miss; a peer that failed is.
        const unanswered = r.note?.startsWith('not expressible') ? 'n/a' : '**no**';
        const met = r.met === null ? (r.note && r.target !== null ? unanswered : '–') : r.met ? 'yes' : '**no**';
        lines.push(`| ${r.name} | ${ratio} | ${target} | ${met} | ${(r.note ?? r.detail ?? '').replaceAll('|', '\\|')} |`);
      }
      lines.push('');
    }
    if (this.notes.length > 0) lines.push('## Notes', '', ...this.notes.map((n) => `- ${n}`), '');
    return `${lines.join('\n')}\n`;
  }
}
