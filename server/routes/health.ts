/**
 * Liveness (/health: the process answers) and readiness (/ready: Neo4j answers a query). While the
 * embedded Neo4j is being restarted after it died, /ready says so (503 with the reason) without asking.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HTTP_STATUS } from '../../graph/errors.ts';

const health: FastifyPluginAsync = async (app) => {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const health = app.neo4jHealth();
    if (health.state !== 'up')
      return reply.code(HTTP_STATUS.SERVICE_UNAVAILABLE).send({ status: 'unavailable', neo4j: health.state, reason: health.reason });
    try {
      await app.neo4j.executeQuery('RETURN 1', {}, { database: app.store.database, transactionConfig: { timeout: 3_000 } });
      return { status: 'ready', neo4j: 'up' };
    } catch (error) {
      app.log.warn({ err: error }, 'Neo4j is not answering');
      return reply.code(HTTP_STATUS.SERVICE_UNAVAILABLE).send({ status: 'unavailable', neo4j: 'down' });
    }
  });
};

export default health;
