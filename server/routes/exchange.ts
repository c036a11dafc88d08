/**
 * Data exchange over HTTP: import templates, spreadsheet import (dry run and real), whole-graph and
 * subtree export (JSON, GraphML). Filled in by the data-exchange work (issue 7).
 */
import type { FastifyInstance } from 'fastify';

export default async function exchangeRoutes(_app: FastifyInstance) {}
