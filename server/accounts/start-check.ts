/**
 * Production's start check: someone must be able to sign in as an administrator — an account made with
 * `npm run user -- add … --role admin`, or an identity provider: one whose tokens carry the roles
 * (AUTH_PUBLIC_KEY), or single sign-on (OIDC_ISSUER, whose claims name the roles; without them an
 * administrator made with npm run user still has to enable the accounts it makes). Without any, the
 * product would run with nobody able to manage it, so it refuses to
 * start and says what to run. Demo and development modes start as before.
 */

import { type Config, ConfigError } from '../../graph/config.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { oidcEnabled } from '../auth/oidc.ts';
import { countActiveAdmins } from './accounts.ts';

/** A ConfigError: main.ts prints its message alone, without a stack. */
export class NoAdministratorError extends ConfigError {
  override name = 'NoAdministratorError';
}

export async function requireAdministrator(store: GraphStore, config: Config): Promise<void> {
  if (config.NODE_ENV !== 'production' || config.AUTH_PUBLIC_KEY || oidcEnabled(config)) return;
  if ((await countActiveAdmins(store)) > 0) return;
  throw new NoAdministratorError(
    'no administrator can sign in and no identity provider is configured (OIDC_ISSUER or AUTH_PUBLIC_KEY). Create the first administrator with\n' +
      '  npm run user -- add --login NAME --role admin\n' +
      '(the password is asked on the terminal), then start again.',
  );
}
