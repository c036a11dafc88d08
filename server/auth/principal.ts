/**
 * Who is asking and what they may do. A request carries at most one principal, taken from a verified
 * bearer token (auth/plugin.ts); anonymous requests have none and may reach only public routes, unless
 * the local demo mode is on (never in production).
 *
 * Roles (the security issue):
 * - admin    everything;
 * - editor   reads like an auditor, and changes organizations, places and pairings under its scope area
 *            only (checked in the same transaction as the write);
 * - auditor  reads everything, history and exports included; changes nothing;
 * - viewer   reads the organization graph; not the change log's actors, not exports.
 */
import { forbidden } from '../../graph/errors.ts';

export const ROLES = ['admin', 'editor', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's subject (`sub`): stable id of the person or service; rate limits key on it. */
  subject: string;
  /** Display name, written to the change log as the actor. */
  name: string;
  role: Role;
  /** For an editor: the id of the area (district, subdistrict, organization…) it may change. */
  scope: string | null;
}

/**
 * What a route or field needs. `public` routes (health, viewer assets, sign-in) need nothing;
 * every other route must name one, so a route that forgets is denied (deny by default).
 */
export type Permission =
  | 'public'
  /** the organization graph: entities, relationships, coverage, findings */
  | 'read'
  /** the change log with its actors, claims check */
  | 'readHistory'
  /** file downloads: reports, whole-graph exports, import templates */
  | 'export'
  /** mutations and imports (an editor only under its scope) */
  | 'write'
  /** backup, restore, synthetic data, anything that touches the whole database */
  | 'admin';

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['public', 'read', 'readHistory', 'export', 'write', 'admin']),
  editor: new Set(['public', 'read', 'readHistory', 'export', 'write']),
  auditor: new Set(['public', 'read', 'readHistory', 'export']),
  viewer: new Set(['public', 'read']),
};

/** Whether a principal (or an anonymous caller, `null`) holds a permission. */
export function can(principal: Principal | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  return principal !== null && GRANTS[principal.role].has(permission);
}

/**
 * The scope a write must stay under: null means unrestricted (admin); an editor's area id otherwise.
 * Write queries take it as `$scope` and refuse, in the same transaction, any target outside it. Anyone
 * else without an area is refused here, so no door (the import treats null as unrestricted) can take
 * a scopeless editor for an administrator.
 */
export function writeScopeOf(principal: Principal): string | null {
  if (principal.role === 'admin') return null;
  if (principal.scope == null || principal.scope === '') throw forbidden('scope', `the ${principal.role} role has no area it may change`);
  return principal.scope;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; null when anonymous. Set by auth/plugin.ts before any route runs. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** What the route needs; a route without one is refused. */
    permission?: Permission;
  }
}
