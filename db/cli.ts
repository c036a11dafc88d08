/**
 * What every command-line script shares: its arguments read by one rule (node's util.parseArgs, strict,
 * `--help` on every command), one line on stderr for any error (the stack only with DEBUG=1), exit 2
 * for a usage error and 1 for a failure, outputs that appear only when complete, and a Neo4j by the
 * usual resolution (NEO4J_URI, else the embedded Neo4j, reusing one that `npm start` already runs).
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { applySchema } from '../graph/apply-schema.ts';
import { ConfigError, loadConfig, neo4jOptionsOf } from '../graph/config.ts';
import { type Neo4jTarget, resolveNeo4j } from './resolve-neo4j.ts';

/** A command used wrongly: exit 2, with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure whose message says all the user needs (no stack): exit 1. */
export class CliError extends Error {
  override name = 'CliError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command<O extends Options> {
  /** `npm run restore -- FILE [--force]`: the usage line(s). */
  usage: string;
  /** What the command does and what each option means, printed by --help. */
  help: string;
  options: O;
  /** How many positional arguments the command takes (default none). */
  positionals?: { min: number; max: number; name?: string };
}

let usageLine = '';

/**
 * Reads the command line by the command's description. `--help` prints the usage and help and exits
 * 0; anything parseArgs refuses (an unknown option, a missing value, `--hours -1`) and a wrong number
 * of positional arguments are usage errors.
 */
export function parseCommand<O extends Options>(command: Command<O>, args: string[] = process.argv.slice(2)) {
  usageLine = command.usage.split('\n')[0]!.replace(/^usage:\s*/, '');
  let parsed: ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean' } }; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(`usage: ${command.usage.replace(/^usage:\s*/, '')}\n\n${command.help.trim()}`);
    process.exit(0);
  }
  const { min, max, name } = command.positionals ?? { min: 0, max: 0 };
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`missing ${name ?? 'argument'}`);
  if (count > max)
    throw new UsageError(max === 0 ? `unexpected argument "${parsed.positionals[0]}"` : `too many arguments (${count}; at most ${max})`);
  return parsed;
}

/** A whole number from an option's text, or a usage error naming the option and the range. */
export function intOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got "${text}"`);
  }
  return value;
}

/** The one line an error is reported with: multi-line messages (configuration) joined. */
function oneLine(error: Error): string {
  const code = (error as { code?: string }).code;
  // A missing or unreadable file: node's message names the path; say it plainly.
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    const path = (error as { path?: string }).path;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'permission denied';
    return `${path ?? error.message}: ${what}`;
  }
  return error.message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}

/**
 * Runs a script's main function. Any error becomes one line on stderr, prefixed with the command's
 * name: exit 2 for usage and configuration errors, 1 for everything else (DEBUG=1 adds the stack).
 */
export function runCli(main: () => Promise<void>, name = basename(process.argv[1] ?? 'cli').replace(/(-cli)?\.ts$/, '')): void {
  main().catch((error: Error) => {
    const usage = error instanceof UsageError || error instanceof ConfigError;
    const hint = error instanceof UsageError ? ` (usage: ${usageLine || name}; --help for more)` : '';
    console.error(`${name}: ${oneLine(error)}${hint}`);
    if (process.env.DEBUG) console.error(error.stack);
    process.exit(usage ? 2 : 1);
  });
}

/**
 * A file written under a temporary name next to `path` and renamed into place by `commit()`, so that a
 * failed command leaves no empty or half-written file behind (`abort()` removes it).
 */
export function atomicPath(path: string): { partial: string; commit(): void; abort(): void } {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  return {
    partial,
    commit: () => renameSync(partial, path),
    abort: () => rmSync(partial, { force: true }),
  };
}

/** Runs `work` with a stream to `path` that appears there only if `work` succeeds and the stream closes. */
export async function writeOutput<T>(path: string, work: (stream: WriteStream) => Promise<T>): Promise<T> {
  const target = atomicPath(path);
  const stream = createWriteStream(target.partial);
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  try {
    const result = await work(stream);
    if (!stream.writableEnded) stream.end();
    await closed;
    target.commit();
    return result;
  } catch (error) {
    stream.destroy();
    target.abort();
    throw error;
  }
}

export async function withNeo4j(work: (driver: Driver, database: string, target: Neo4jTarget) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const target = await resolveNeo4j(neo4jOptionsOf(config));
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
  try {
    await driver.verifyConnectivity({ database: target.database });
    await applySchema(driver, target.database);
    await work(driver, target.database, target);
  } finally {
    await driver.close();
    await target.stop();
  }
}
