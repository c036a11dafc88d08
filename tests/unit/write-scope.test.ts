/**
 * The scope a write stays under (server/auth/principal.ts writeScopeOf), which the mutations and the
 * import route (POST /import) both ask. Null means unrestricted and only an administrator is that: an
 * editor that somehow carries no area (an account stored without one, a principal made by a future
 * door) must be refused, never taken as unrestricted — the import route would otherwise let it write
 * anywhere, graph.json included.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../graph/errors.ts';
import { type Principal, writeScopeOf } from '../../server/auth/principal.ts';

const principal = (role: Principal['role'], scope: string | null): Principal => ({ subject: `s-${role}`, name: role, role, scope });

describe('writeScopeOf', () => {
  it('is null (unrestricted) for an administrator, the area for an editor', () => {
    expect(writeScopeOf(principal('admin', null))).toBeNull();
    expect(writeScopeOf(principal('editor', 'sz-dangjia-working-committee'))).toBe('sz-dangjia-working-committee');
  });

  it('refuses (FORBIDDEN, naming scope) anyone else without an area instead of calling them unrestricted', () => {
    for (const role of ['editor', 'auditor', 'viewer'] as const) {
      let thrown: unknown = null;
      try {
        writeScopeOf(principal(role, null));
      } catch (error) {
        thrown = error;
      }
      expect(thrown, role).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).extensions, role).toMatchObject({ code: 'FORBIDDEN', field: 'scope' });
    }
  });
});
