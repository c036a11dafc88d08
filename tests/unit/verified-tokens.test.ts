/**
 * Bearer tokens verified once are kept until their own expiry (server/auth/plugin.ts): an expired one
 * is no longer answered from memory, only the exact text of a verified token is, a token without an
 * expiry is never kept, and the oldest goes first when the store is full.
 */
import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../server/auth/plugin.ts';
import type { Principal } from '../../server/auth/principal.ts';
import { securityHeaders } from '../../server/hardening.ts';

const reader: Principal = { subject: 'reader', name: '读者', role: 'viewer', scope: null };
const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);
const inSeconds = (s: number) => NOW / 1000 + s;

describe('verified tokens', () => {
  it('answers a verified token until its exp, then forgets it', () => {
    const tokens = new VerifiedTokens();
    tokens.set('a.b.c', reader, inSeconds(60));
    expect(tokens.get('a.b.c', NOW)).toEqual(reader);
    expect(tokens.get('a.b.c', NOW + 59_999)).toEqual(reader);
    expect(tokens.get('a.b.c', NOW + 60_000)).toBeUndefined();
    // Once expired it is gone, even if asked about an earlier moment again.
    expect(tokens.get('a.b.c', NOW)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows only the exact text it verified', () => {
    const tokens = new VerifiedTokens();
    tokens.set('a.b.c', reader, inSeconds(60));
    expect(tokens.get('a.b.d', NOW)).toBeUndefined();
    expect(tokens.get('a.b.c ', NOW)).toBeUndefined();
    expect(tokens.get('A.b.c', NOW)).toBeUndefined();
  });

  it('keeps no token without an expiry, and a frozen copy of the principal', () => {
    const tokens = new VerifiedTokens();
    tokens.set('no-exp', reader, undefined);
    tokens.set('text-exp', reader, String(inSeconds(60)));
    expect(tokens.size).toBe(0);
    const principal = { ...reader };
    tokens.set('a.b.c', principal, inSeconds(60));
    principal.role = 'admin';
    const kept = tokens.get('a.b.c', NOW);
    expect(kept?.role).toBe('viewer');
    expect(Object.isFrozen(kept)).toBe(true);
  });

  it('drops the oldest when full', () => {
    const tokens = new VerifiedTokens(2);
    tokens.set('one', reader, inSeconds(60));
    tokens.set('two', reader, inSeconds(60));
    tokens.set('three', reader, inSeconds(60));
    expect(tokens.size).toBe(2);
    expect(tokens.get('one', NOW)).toBeUndefined();
    expect(tokens.get('two', NOW)).toEqual(reader);
    expect(tokens.get('three', NOW)).toEqual(reader);
  });
});

describe('security headers', () => {
  it("are helmet's, with the CSP the viewer runs under", () => {
    const headers = new Map(securityHeaders());
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;" +
        "connect-src 'self';worker-src 'self' blob:;object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.has('cross-origin-embedder-policy')).toBe(false);
    expect(headers.size).toBe(12);
  });
});
