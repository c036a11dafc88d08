/**
 * `npm run token -- --role ROLE [--scope AREA_ID] [--name NAME] [--hours N]`: mints a token for local
 * use, signed with the same secret the local server verifies with (AUTH_SECRET or .data/auth-secret).
 * Prints only the token, so `TOKEN=$(npm run -s token -- --role auditor)` works.
 */
import { parseCommand, runCli, UsageError } from '../../db/cli.ts';
import { loadConfig } from '../../graph/config.ts';
import { ROLES, type Role } from './principal.ts';
import { mintToken } from './token.ts';

const COMMAND = {
  usage: 'npm run -s token -- --role admin|editor|auditor|viewer [--scope AREA_ID] [--name NAME] [--hours N]',
  help: `Mints a token for local use, signed with the secret the local server verifies with (AUTH_SECRET or
.data/auth-secret), and prints only the token: TOKEN=$(npm run -s token -- --role auditor)
(-s keeps npm's own lines out of the token).

  --role ROLE        admin, editor, auditor or viewer
  --scope AREA_ID    an editor's area (required for an editor, refused for the others)
  --name NAME        who the token names (default 本地ROLE)
  --hours N          how long it is valid, more than 0 and up to 720 (default 8)
  -h, --help         this text`,
  options: {
    role: { type: 'string' },
    scope: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
} as const;

runCli(async () => {
  const { values } = parseCommand(COMMAND);
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'editor' && !values.scope) throw new UsageError('--scope: an editor token needs the id of the area it may change');
  if (role !== 'editor' && values.scope) throw new UsageError('--scope: only an editor token has a scope');
  const hours = Number(values.hours);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(values.hours) || !(hours > 0) || hours > 24 * 30)
    throw new UsageError(`--hours must be a number of hours more than 0 and up to 720, not "${values.hours}"`);

  const name = values.name ?? `本地${role}`;
  // Marked as a service token: people sign in with a name and password (npm run user, 用户管理).
  const subject = `service:${name}`;
  console.log(
    mintToken(loadConfig(), { sub: subject, name, role, scope: values.scope ?? null, kind: 'service' }, Math.round(hours * 3600)),
  );
});
