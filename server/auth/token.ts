/**
 * Signed tokens: minting (npm run token, tests) and the settings both minting and verifying read.
 *
 * Locally the product signs its own tokens with HS256 and a secret kept in AUTH_SECRET or, when that is
 * unset outside production, in a file under .data/ made on first use, so `npm start` and
 * `npm run token` agree without set-up. A real deployment verifies its identity provider's tokens
 * instead: AUTH_PUBLIC_KEY (PEM) with RS256 or ES256 (see the README).
 */
import { createSigner } from 'fast-jwt';
import type { Config } from '../../graph/config.ts';
import { readOrCreateSecret } from '../../graph/secret-file.ts';
import type { Role } from './principal.ts';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  /** An editor's area id. */
  scope?: string | null;
  /** 'service': a token for a script or service account (npm run token), not a person's sign-in. */
  kind?: 'service';
}

/**
 * The HS256 secret: AUTH_SECRET, else (not in production) the local secret file, made once (0600) and
 * refused when shorter than AUTH_SECRET's own minimum of 32 characters.
 */
export function localSecretOf(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('AUTH_SECRET or AUTH_PUBLIC_KEY must be set in production');
  return readOrCreateSecret(config.AUTH_SECRET_FILE, { setting: 'AUTH_SECRET_FILE' });
}

/** A token this product's own verifier accepts (HS256 with the local secret). */
export function mintToken(config: Config, claims: TokenClaims, expiresInSeconds = 8 * 3600): string {
  const sign = createSigner({
    key: localSecretOf(config),
    algorithm: 'HS256',
    iss: config.AUTH_ISSUER,
    aud: config.AUTH_AUDIENCE,
    expiresIn: expiresInSeconds * 1000,
  });
  const { scope, ...rest } = claims;
  return sign(scope ? { ...rest, scope } : rest);
}
