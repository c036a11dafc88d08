/** Serves the built Cytoscape viewer (web/dist) at /. A clear page when it has not been built yet. */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { HTTP_STATUS } from '../../graph/errors.ts';
import { projectDir } from '../../graph/project-root.ts';

export const VIEWER_DIST = projectDir('web', 'dist');

const viewer: FastifyPluginAsync<{ graphiql: boolean }> = async (app, { graphiql }) => {
  if (existsSync(`${VIEWER_DIST}index.html`)) {
    await app.register(fastifyStatic, {
      root: VIEWER_DIST,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      // Without GraphiQL (production), its page is not served under any name.
      allowedPath: (path) => graphiql || !/^\/?graphiql(\/|$)/.test(path),
    });
    if (graphiql) {
      app.get('/graphiql', (_request, reply) => reply.sendFile('graphiql/index.html'));
    }
    return;
  }
  app.get('/', async (_request, reply) =>
    reply
      .code(HTTP_STATUS.VIEWER_NOT_BUILT)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>党组织图谱</title><p>查看器尚未构建：请运行 <code>npm run build</code>。 (The viewer is not built yet: run npm run build.)</p>',
      ),
  );
};

export default viewer;
