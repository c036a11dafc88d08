/**
 * `npm run user -- add --login NAME --role ROLE [--name 显示名] [--scope AREA_ID]`
 * `npm run user -- password --login NAME`
 * `npm run user -- list`
 *
 * Accounts from the command line: the first administrator above all (production will not start
 * without one unless an identity provider is configured). The password is never an argument (it would
 * sit in the shell's history and the process list): it is asked for twice on the terminal without
 * echo, or read as the first line of stdin when stdin is not a terminal
 * (`printf '%s\n' "$PW" | npm run user -- add …`). Each change goes into the change log with the actor
 * "cli:<operating-system user>".
 */
import { userInfo } from 'node:os';
import { CliError, parseCommand, runCli, UsageError, withNeo4j } from '../../db/cli.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { type Actor, addAccount, listAccounts, newPasswordArg, setAccountPassword } from './accounts.ts';

const COMMAND = {
  usage:
    'npm run user -- add --login NAME --role admin|editor|auditor|viewer [--name NAME] [--scope AREA_ID]\n       npm run user -- password --login NAME\n       npm run user -- list',
  help: `Manages people's accounts (after the first administrator, the viewer's 用户管理 page does the same).

  add         adds an account with a password you type (asked twice, not shown) or pipe on stdin
  password    sets an account's password (typed or piped the same way); it need not be changed at sign-in
  list        lists the accounts

  --login NAME     login name: 2–64 letters, digits, ".", "_", "@" or "-"
  --role ROLE      admin, editor, auditor or viewer (add)
  --name NAME      display name, shown and written to the change log (add; default the login)
  --scope AREA_ID  an editor's area, e.g. sz-dangjia-subdistrict (add; editors only)
  -h, --help       this text`,
  options: {
    login: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    scope: { type: 'string' },
  },
  positionals: { min: 1, max: 1, name: 'command (add, password or list)' },
} as const;

/** Reads all of stdin and returns its first line (a piped password). */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal without echoing what is typed (backspace works; Ctrl-C and Ctrl-D stop). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new CliError('stopped: no password given'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readNewPassword(login: string): Promise<string> {
  if (!process.stdin.isTTY) return newPasswordArg('password (stdin)', await firstLineOfStdin(), login);
  const first = await askHidden(`password for ${login}: `);
  newPasswordArg('password', first, login);
  const second = await askHidden('again: ');
  if (first !== second) throw new CliError('the two passwords differ; nothing was changed');
  return first;
}

/** An ApiError (bad input, conflict) from the accounts module as one line for the terminal. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    if (code === 'BAD_USER_INPUT') throw new UsageError((error as Error).message);
    if (code) throw new CliError((error as Error).message);
    throw error;
  }
}

runCli(async () => {
  const { values, positionals } = parseCommand(COMMAND);
  const command = positionals[0];
  const actor: Actor = { name: `cli:${userInfo().username}`, address: null };
  if (command !== 'list' && !values.login) throw new UsageError('--login is required');
  if (command === 'add' && !values.role) throw new UsageError('--role is required');
  if (!['add', 'password', 'list'].includes(command ?? '')) throw new UsageError(`unknown command "${command}" (add, password or list)`);
  // Asked before Neo4j starts: a mistyped password costs no start-up.
  const password = command === 'list' ? null : await asCli(() => readNewPassword(values.login!.normalize('NFKC').trim().toLowerCase()));

  await withNeo4j(async (driver, database) => {
    const store = new GraphStore(driver, database, 60_000);
    if (command === 'list') {
      for (const a of await listAccounts(store)) {
        console.log([a.login, a.name, a.role, a.scope ?? '-', a.status, a.lastSignInAt ?? 'never'].join('\t'));
      }
      return;
    }
    if (command === 'add') {
      const { account } = await asCli(() =>
        addAccount(store, actor, {
          login: values.login!,
          role: values.role!,
          name: values.name ?? null,
          scope: values.scope ?? null,
          password,
        }),
      );
      console.log(`[user] added ${account.login} (${account.name}, ${account.role}${account.scope ? `, scope ${account.scope}` : ''})`);
      return;
    }
    const account = await asCli(() => setAccountPassword(store, actor, values.login!, password!));
    console.log(`[user] password set for ${account.login}`);
  });
});
