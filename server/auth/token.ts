/**
 * Signed tokens: minting (npm run token, tests) and the settings both minting and verifying read.
 *
 * Locally the product signs its own tokens with HS256 and a secret kept in AUTH_SECRET or, when that is
 * unset outside production, in a file under .data/ made on first use, so `npm start` and
 * `npm run token` agree without set-up. A real deployment verifies its identity provider's tokens
 * instead: AUTH_PUBLIC_KEY (PEM) with RS256 or ES256 (see the README).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSigner } from 'fast-jwt';
import type { Config } from '../config.ts';
import type { Role } from './principal.ts';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  /** An editor's area id. */
  scope?: string | null;
}

/** The HS256 secret: AUTH_SECRET, else (not in production) the local secret file, made once. */
export function localSecretOf(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('AUTH_SECRET or AUTH_PUBLIC_KEY must be set in production');
  try {
    return readFileSync(config.AUTH_SECRET_FILE, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(dirname(config.AUTH_SECRET_FILE), { recursive: true });
    writeFileSync(config.AUTH_SECRET_FILE, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
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
