/**
 * Single sign-on's reading of the provider's claims (server/accounts/oidc-sign-in.ts) and its settings
 * (graph/config.ts): which role and scope a person's claims give, when they give none, and that
 * OIDC_ISSUER without a client id is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../graph/config.ts';
import { claimOf, roleFromClaims } from '../../server/accounts/oidc-sign-in.ts';

const names = { OIDC_ROLE_CLAIM: 'party_role', OIDC_SCOPE_CLAIM: 'party_scope' };

describe('role and scope from the claims', () => {
  it('reads a role, and an editor its scope area', () => {
    expect(roleFromClaims({ party_role: 'auditor', party_scope: 'x' }, names)).toEqual({ role: 'auditor', scope: null, reason: null });
    expect(roleFromClaims({ party_role: 'editor', party_scope: ' sz-dangjia-subdistrict ' }, names)).toEqual({
      role: 'editor',
      scope: 'sz-dangjia-subdistrict',
      reason: null,
    });
    // An editor without an area: the role stands, the missing scope is refused later by accounts.ts scopeFor.
    expect(roleFromClaims({ party_role: 'editor' }, names)).toMatchObject({ role: 'editor', scope: null });
  });

  it('takes the most privileged role of a list, ignoring names it does not know', () => {
    expect(roleFromClaims({ party_role: ['viewer', 'staff', 'auditor'] }, names).role).toBe('auditor');
    expect(roleFromClaims({ party_role: ['admin', 'viewer'] }, names).role).toBe('admin');
  });

  it('gives no role, and says why, for a missing, empty or unknown claim', () => {
    expect(roleFromClaims({}, names)).toEqual({ role: null, scope: null, reason: 'no party_role claim' });
    expect(roleFromClaims({ party_role: [] }, names).role).toBeNull();
    expect(roleFromClaims({ party_role: '  ' }, names).role).toBeNull();
    expect(roleFromClaims({ party_role: 'superuser' }, names).reason).toMatch(/names no role of admin, editor, auditor, viewer/);
    expect(roleFromClaims({ party_role: 42 }, names).role).toBeNull();
  });

  it('reads a nested claim by a dotted name, and a claim whose own name has dots', () => {
    const claims = { realm_access: { roles: ['offline_access', 'editor'] }, 'https://example.gov.cn/area': 'lc-area', area: 'no' };
    expect(claimOf(claims, 'realm_access.roles')).toEqual(['offline_access', 'editor']);
    expect(claimOf(claims, 'https://example.gov.cn/area')).toBe('lc-area');
    expect(claimOf(claims, 'realm_access.missing.deeper')).toBeUndefined();
    expect(roleFromClaims(claims, { OIDC_ROLE_CLAIM: 'realm_access.roles', OIDC_SCOPE_CLAIM: 'https://example.gov.cn/area' })).toEqual({
      role: 'editor',
      scope: 'lc-area',
      reason: null,
    });
  });
});

describe('single sign-on settings', () => {
  it('needs a client id with an issuer, and an issuer that is a URL', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.gov.cn' })).toThrow(/OIDC_CLIENT_ID: single sign-on/);
    expect(() => loadConfig({ OIDC_ISSUER: 'sso.example.gov.cn', OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER: must be the issuer URL/);
    const config = loadConfig({ OIDC_ISSUER: 'https://sso.example.gov.cn', OIDC_CLIENT_ID: 'party-graph' });
    expect(config).toMatchObject({ OIDC_ROLE_CLAIM: 'party_role', OIDC_SCOPE_CLAIM: 'party_scope', OIDC_SCOPES: 'openid profile' });
  });
});
