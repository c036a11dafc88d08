/**
 * `npm run token -- --role ROLE [--scope AREA_ID] [--name NAME] [--hours N]`: mints a token for local
 * use, signed with the same secret the local server verifies with (AUTH_SECRET or .data/auth-secret).
 * Prints only the token, so `TOKEN=$(npm run -s token -- --role auditor)` works.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { ROLES, type Role } from './principal.ts';
import { mintToken } from './token.ts';

const USAGE = 'usage: npm run token -- --role admin|editor|auditor|viewer [--scope AREA_ID] [--name NAME] [--hours N]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    scope: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

const role = values.role as Role | undefined;
if (!role || !ROLES.includes(role)) fail(`--role: must be one of ${ROLES.join(', ')}`);
if (role === 'editor' && !values.scope) fail('--scope: an editor token needs the id of the area it may change');
if (role !== 'editor' && values.scope) fail('--scope: only an editor token has a scope');
const hours = Number(values.hours);
if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) fail('--hours: must be a number of hours up to 720');

const name = values.name ?? `本地${role}`;
// Marked as a service token: people sign in with a name and password (npm run user, 用户管理).
const subject = `service:${name}`;
console.log(mintToken(loadConfig(), { sub: subject, name, role, scope: values.scope ?? null, kind: 'service' }, Math.round(hours * 3600)));
