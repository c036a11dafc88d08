/**
 * Data exchange over HTTP (issue 7): the import templates, spreadsheet import (dry run and real) as a
 * multipart upload, and whole-graph or subtree export as graph.json and GraphML. The work is done by
 * data/exchange/, the same code as the command-line scripts.
 *
 *   GET  /import/templates                     the templates and their columns (JSON)
 *   GET  /import/templates/<name>.csv|.xlsx    a template: organizations, places, pairings, people
 *   POST /import?dryRun=true|false             multipart, one or more files (.csv, .xlsx, or one graph.json)
 *   GET  /export/graph.json?root=ID            graph.json, streamed from one read transaction
 *   GET  /export/graph.graphml?root=ID         GraphML for Gephi and Cytoscape desktop
 *
 * The import answers with its report: 200 for a dry run and for a real run that went through, 422 for
 * a real run refused for its problems (nothing written). An editor imports only under its area,
 * checked in the import's transaction; the actor in the change log is the caller's name.
 */
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { collectGraph, RootNotFound, writeGraphJson } from '../../data/exchange/export-graph.ts';
import { toGraphml } from '../../data/exchange/graphml.ts';
import { graphJsonOutOfScope, importGraphJson, readGraphFile } from '../../data/exchange/import-graph.ts';
import type { ImportReport } from '../../data/exchange/import-report.ts';
import type { RowParser } from '../../data/exchange/parse-rows.ts';
import { importLimitsOf, parseFile, runImport } from '../../data/exchange/run-import.ts';
import { isTemplateName, TEMPLATE_NAMES, TEMPLATES, templateCsv, templateXlsx } from '../../data/exchange/templates.ts';
import type { Config } from '../../graph/config.ts';
import { ApiError, HTTP_STATUS } from '../../graph/errors.ts';
import type { ErrorCode } from '../../schema/error-codes.ts';
import { writeScopeOf } from '../auth/principal.ts';
import { sendApiError, sendError } from '../rest-errors.ts';

/** Room for the multipart boundaries and part headers around the files, in Content-Length. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

function refuseField(reply: FastifyReply, code: ErrorCode, field: string, message: string) {
  return sendError(reply, code, `${field}: ${message}`, field);
}

function attachment(reply: FastifyReply, file: string) {
  const encoded = encodeURIComponent(file);
  reply.header('content-disposition', `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`);
}

/** The caller as the import needs it; the auth plugin has refused anyone without the write permission. */
function callerOf(request: FastifyRequest) {
  const principal = request.principal;
  if (!principal) throw new Error('POST /import reached without a principal: the auth plugin must run first');
  return { actor: principal.name, scope: writeScopeOf(principal) };
}

async function rootArg(
  request: FastifyRequest<{ Querystring: { root?: string } }>,
  reply: FastifyReply,
): Promise<string | null | undefined> {
  const root = request.query.root;
  if (root === undefined || root === '') return null;
  const [found] = await request.server.store.read('entity/get-entities', { ids: [root] });
  if (!found) {
    await refuseField(reply, 'NOT_FOUND', 'root', `no entity has id "${root}"`);
    return undefined;
  }
  return root;
}

const exchangeRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const maxFileBytes = config.IMPORT_MAX_FILE_BYTES;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  await app.register(multipart, {
    limits: { fileSize: maxFileBytes, files: config.IMPORT_MAX_FILES, fields: 10, parts: config.IMPORT_MAX_FILES + 10 },
  });

  app.get('/import/templates', { config: { permission: 'export' } }, async () => ({
    templates: TEMPLATE_NAMES.map((name) => ({
      name,
      title: TEMPLATES[name].title,
      row: TEMPLATES[name].row,
      files: [`/import/templates/${name}.csv`, `/import/templates/${name}.xlsx`],
      columns: TEMPLATES[name].columns,
    })),
  }));

  app.get<{ Params: { file: string } }>('/import/templates/:file', { config: { permission: 'export' } }, async (request, reply) => {
    const match = /^([a-z]+)\.(csv|xlsx)$/.exec(request.params.file);
    if (!match || !isTemplateName(match[1]!)) {
      return refuseField(reply, 'NOT_FOUND', 'template', `one of ${TEMPLATE_NAMES.map((n) => `${n}.csv, ${n}.xlsx`).join(', ')}`);
    }
    const [, name, format] = match as unknown as [string, (typeof TEMPLATE_NAMES)[number], 'csv' | 'xlsx'];
    attachment(reply, `${name}.${format}`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(templateCsv(name));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await templateXlsx(name));
  });

  app.post<{ Querystring: { dryRun?: string } }>('/import', { config: { permission: 'write' } }, async (request, reply) => {
    const dryRun = request.query.dryRun ?? 'false';
    if (dryRun !== 'true' && dryRun !== 'false') return refuseField(reply, 'BAD_USER_INPUT', 'dryRun', 'must be true or false');
    if (!request.isMultipart()) return refuseField(reply, 'BAD_USER_INPUT', 'file', 'send the files as multipart/form-data');
    // Refused before a byte of the body is read: the caller's role (the auth hook, onRequest) and the size.
    const declared = Number(request.headers['content-length'] ?? 0);
    const maxBody = maxFileBytes * config.IMPORT_MAX_FILES + MULTIPART_OVERHEAD_BYTES;
    if (declared > maxBody)
      return refuseField(reply, 'TOO_LARGE', 'file', `the upload is ${mb(declared)}; at most ${mb(maxFileBytes)} a file`);
    let caller: ReturnType<typeof callerOf>;
    try {
      caller = callerOf(request);
    } catch (error) {
      // A writer without an area (writeScopeOf): refused as the mutations refuse it, never unrestricted.
      if (error instanceof ApiError) return sendApiError(reply, error);
      throw error;
    }
    const { actor, scope } = caller;
    const options = { dryRun: dryRun === 'true', actor, scope, safetyDir: config.BACKUP_DIR };

    // Each file is parsed as it arrives (streamed from the upload, never buffered whole), within the
    // import's caps (graph/config.ts): past one, the upload is refused at once.
    const parsed: RowParser[] = [];
    const limits = importLimitsOf(config);
    let rows = 0;
    let graphJson: Awaited<ReturnType<typeof readGraphFile>> | null = null;
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const name = part.filename || part.fieldname;
      if (name.toLowerCase().endsWith('.json')) {
        // Its records carry no area: only an unrestricted caller imports one, refused before it is read
        // (answered as the import's report, the same OUT_OF_SCOPE the import itself would give).
        if (scope !== null) {
          const refused: ImportReport = {
            dryRun: options.dryRun,
            written: false,
            files: [name],
            counts: {},
            changes: 0,
            errors: [graphJsonOutOfScope(name, scope)],
            seconds: 0,
          };
          return reply.code(HTTP_STATUS.FORBIDDEN).send(refused);
        }
        graphJson = await readGraphFile(name, part.file);
      } else {
        const file = await parseFile(name, part.file, undefined, { ...limits, maxRows: limits.maxRows - rows });
        rows += file.rowsRead;
        const tooLarge = file.issues.find((i) => i.code === 'TOO_LARGE');
        if (tooLarge) return refuseField(reply, 'TOO_LARGE', 'file', `${name}: ${tooLarge.message}`);
        parsed.push(file);
      }
      if (part.file.truncated) return refuseField(reply, 'TOO_LARGE', 'file', `${name} is larger than ${mb(maxFileBytes)}`);
    }
    if (graphJson && parsed.length > 0)
      return refuseField(reply, 'BAD_USER_INPUT', 'file', 'a graph.json is imported on its own, not with other files');
    if (!graphJson && parsed.length === 0) return refuseField(reply, 'BAD_USER_INPUT', 'file', 'no file in the upload');

    const report: ImportReport = graphJson
      ? await importGraphJson(app.store, graphJson, options)
      : await runImport(app.store, parsed, options);
    return reply.code(!report.dryRun && report.errors.length > 0 ? HTTP_STATUS.IMPORT_REFUSED : 200).send(report);
  });

  app.get<{ Querystring: { root?: string } }>('/export/graph.json', { config: { permission: 'export' } }, async (request, reply) => {
    const root = await rootArg(request, reply);
    if (root === undefined) return reply;
    const out = new PassThrough();
    writeGraphJson(app.store, { root }, out).catch((error: Error) => {
      request.log.error({ err: error }, 'graph.json export failed while streaming');
      out.destroy(error);
    });
    attachment(reply, `graph${root ? `-${root}` : ''}.json`);
    return reply.type('application/json; charset=utf-8').send(out);
  });

  app.get<{ Querystring: { root?: string } }>('/export/graph.graphml', { config: { permission: 'export' } }, async (request, reply) => {
    const root = await rootArg(request, reply);
    if (root === undefined) return reply;
    try {
      const graph = await collectGraph(app.store, { root });
      attachment(reply, `graph${root ? `-${root}` : ''}.graphml`);
      return reply.type('application/graphml+xml; charset=utf-8').send(toGraphml(graph, root ? `subtree of ${root}` : 'jinan-party-graph'));
    } catch (error) {
      if (error instanceof RootNotFound) return refuseField(reply, 'NOT_FOUND', 'root', error.message);
      throw error;
    }
  });
};

export default exchangeRoutes;
