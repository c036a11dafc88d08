/**
 * Single sign-on: this server as an OpenID Connect relying party of the department's identity provider
 * (OIDC_ISSUER), authorization-code flow with PKCE (S256), through openid-client (the certified
 * relying-party library: it checks the ID token's signature, issuer, audience, expiry, nonce and the
 * state). The provider's discovery document is read on first use and kept; a failed discovery is tried
 * again at the next sign-in instead of stopping the server.
 *
 * A flow's secrets (state, nonce, PKCE verifier) stay on the server, in memory, under a random id that
 * the browser holds in a short-lived HttpOnly cookie (routes/oidc.ts); each is used once. The
 * provider is reached over HTTPS, except on a loopback address (a provider on the same machine).
 */
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../../graph/config.ts';
import { type Claims, claimOf } from '../accounts/oidc-sign-in.ts';

/** How long a started sign-in may take at the provider before its flow is forgotten. */
export const FLOW_TTL_MS = 10 * 60_000;
/** Flows kept at most (a flood of /start requests cannot grow memory without bound). */
const MAX_FLOWS = 10_000;
export const CALLBACK_PATH = '/session/oidc/callback';

export const oidcEnabled = (config: Config): boolean => Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);

export interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  expiresAt: number;
}

export interface OidcIdentityClaims {
  issuer: string;
  subject: string;
  claims: Claims;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class RelyingParty {
  private discovered: Promise<client.Configuration> | null = null;
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly config: Config) {}

  /** The provider's configuration (discovery, once; tried again after a failure). */
  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.OIDC_ISSUER!);
      const secret = this.config.OIDC_CLIENT_SECRET;
      this.discovered = client
        .discovery(
          issuer,
          this.config.OIDC_CLIENT_ID!,
          secret ? undefined : { token_endpoint_auth_method: 'none' },
          secret ? client.ClientSecretBasic(secret) : client.None(),
          {
            execute: issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [client.allowInsecureRequests] : [],
            timeout: 10,
          },
        )
        .catch((error) => {
          this.discovered = null;
          throw error;
        });
    }
    return this.discovered;
  }

  /** Where the provider sends the browser back: the setting, else this server's own origin. */
  redirectUriFor(origin: string): string {
    return this.config.OIDC_REDIRECT_URI ?? new URL(CALLBACK_PATH, origin).href;
  }

  /** Starts a sign-in: the flow's id (for the cookie) and the provider's authorization URL. */
  async start(origin: string, now = Date.now()): Promise<{ flowId: string; url: URL }> {
    const configuration = await this.configuration();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      redirectUri: this.redirectUriFor(origin),
      expiresAt: now + FLOW_TTL_MS,
    };
    const flowId = randomBytes(32).toString('base64url');
    this.remember(flowId, flow, now);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: flow.redirectUri,
      scope: this.scopes(),
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { flowId, url };
  }

  private scopes(): string {
    const asked = new Set(this.config.OIDC_SCOPES.split(/\s+/).filter(Boolean));
    asked.add('openid');
    return [...asked].join(' ');
  }

  private remember(id: string, flow: Flow, now: number) {
    for (const [key, old] of this.flows) {
      if (old.expiresAt > now && this.flows.size < MAX_FLOWS) break;
      this.flows.delete(key);
    }
    this.flows.set(id, flow);
  }

  /** The flow a callback's cookie names, taken out (used once); null when unknown or expired. */
  takeFlow(id: string | undefined, now = Date.now()): Flow | null {
    if (!id) return null;
    const flow = this.flows.get(id);
    this.flows.delete(id);
    return flow && flow.expiresAt > now ? flow : null;
  }

  /**
   * Finishes a sign-in: the callback URL's code exchanged (state, PKCE verifier and nonce checked, the
   * ID token validated by openid-client), and the person's claims: the ID token's, with the userinfo
   * endpoint's when the ID token does not carry the role claim. Throws when anything does not check.
   */
  async finish(callbackUrl: URL, flow: Flow): Promise<OidcIdentityClaims> {
    const configuration = await this.configuration();
    // The URL the provider redirected to, on the registered redirect URI (a proxy may have changed the host).
    const current = new URL(flow.redirectUri);
    current.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.verifier,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('the provider returned no ID token');
    let claims: Claims = { ...idClaims };
    if (claimOf(claims, this.config.OIDC_ROLE_CLAIM) === undefined && configuration.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return { issuer: configuration.serverMetadata().issuer, subject: idClaims.sub, claims };
  }
}
