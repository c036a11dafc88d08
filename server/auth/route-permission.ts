/**
 * Gives every route a plugin registers a permission, unless the route names its own. Route plugins
 * that serve one audience (health: public; reports: export) are registered through this, so none of
 * their routes can be forgotten by the deny-by-default gate in auth/plugin.ts.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Permission } from './principal.ts';

export function withPermission<Options extends Record<string, unknown>>(
  permission: Permission,
  plugin: FastifyPluginAsync<Options>,
  options?: Options,
): FastifyPluginAsync {
  return async function scoped(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      route.config = { permission, ...route.config };
    });
    await app.register(plugin, options ?? ({} as Options));
  };
}
