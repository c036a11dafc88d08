/**
 * Single sign-on routes (server/auth/oidc.ts does the protocol, accounts/oidc-sign-in.ts the account):
 *
 *   GET /session/oidc           { enabled } — whether the sign-in screen offers 统一身份认证登录
 *   GET /session/oidc/start     302 to the identity provider; the flow's id in an HttpOnly cookie
 *   GET /session/oidc/callback  the provider's answer: code exchanged and checked, the account found or
 *                               made, the same session cookie as a password sign-in, then on to the
 *                               viewer; a page saying why when it is refused or waiting for an administrator
 *
 * The flow cookie is SameSite=Lax, not Strict: the callback is a top-level navigation coming from the
 * provider's site, which a Strict cookie would not accompany. It only names a flow whose state, nonce
 * and PKCE verifier stay on the server, and it is used once. The callback answers with a page that
 * moves on to the viewer itself (not a redirect), so the viewer's first request is same-site and
 * carries the Strict session cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../graph/config.ts';
import { HTTP_STATUS } from '../../graph/errors.ts';
import type { ErrorCode } from '../../schema/error-codes.ts';
import { recordOidcFailure, signInWithOidc } from '../accounts/oidc-sign-in.ts';
import { oidcEnabled, RelyingParty } from '../auth/oidc.ts';
import { setSessionCookie } from '../auth/session.ts';
import { sendError } from '../rest-errors.ts';

export const FLOW_COOKIE = 'pg_oidc';
const FLOW_PATH = '/session/oidc';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page in Chinese and English (the callback is a browser navigation, not an API call). */
/** `refusal`: the error code whose status the page answers with (schema/error-codes.ts); null when it is no refusal. */
function page(reply: FastifyReply, refusal: ErrorCode | null, kind: string, zh: string, en: string, next: string | null = null) {
  const refresh = next ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(next)}">` : '';
  const link = `<p><a href="${escapeHtml(next ?? '/')}" data-testid="oidc-continue">返回 · Back to the graph</a></p>`;
  return reply
    .code(refusal ? HTTP_STATUS[refusal] : 200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${refresh}<title>统一身份认证 · Single sign-on</title></head>` +
        `<body><main data-testid="oidc-page" data-kind="${escapeHtml(kind)}"><h1>统一身份认证 · Single sign-on</h1>` +
        `<p lang="zh-CN">${escapeHtml(zh)}</p><p lang="en">${escapeHtml(en)}</p>${link}</main></body></html>`,
    );
}

function secure(config: Config, request: FastifyRequest) {
  return config.SESSION_COOKIE_SECURE ?? (config.NODE_ENV === 'production' || request.protocol === 'https');
}

export default async function oidcRoutes(app: FastifyInstance, { config }: { config: Config }) {
  const enabled = oidcEnabled(config);
  const party = enabled ? new RelyingParty(config) : null;

  app.get('/session/oidc', { config: { permission: 'public' } }, async () =>
    enabled ? { enabled: true, start: `${FLOW_PATH}/start` } : { enabled: false },
  );

  app.get('/session/oidc/start', { config: { permission: 'public' } }, async (request, reply) => {
    if (!party) return sendError(reply, 'NOT_FOUND', 'single sign-on is not configured (OIDC_ISSUER)');
    let started: Awaited<ReturnType<RelyingParty['start']>>;
    try {
      started = await party.start(`${request.protocol}://${request.host}`);
    } catch (error) {
      request.log.error({ err: error }, 'identity provider unreachable');
      return page(
        reply,
        'IDENTITY_PROVIDER_UNAVAILABLE',
        'unavailable',
        '统一身份认证服务暂时无法访问，请稍后再试，或使用账号密码登录。',
        'The identity provider cannot be reached; try again later, or sign in with your name and password.',
      );
    }
    reply.setCookie(FLOW_COOKIE, started.flowId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(config, request),
      path: FLOW_PATH,
      maxAge: 600,
    });
    return reply.header('cache-control', 'no-store').redirect(started.url.href, 302);
  });

  app.get('/session/oidc/callback', { config: { permission: 'public' } }, async (request, reply) => {
    if (!party) return sendError(reply, 'NOT_FOUND', 'single sign-on is not configured (OIDC_ISSUER)');
    const flow = party.takeFlow(request.cookies[FLOW_COOKIE]);
    reply.clearCookie(FLOW_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(config, request), path: FLOW_PATH });
    const refused = async (reason: string) => {
      request.log.info({ reason }, 'single sign-on refused');
      await recordOidcFailure(app.store, request.ip, reason);
      return page(
        reply,
        'BAD_REQUEST',
        'refused',
        '统一身份认证登录未完成（请求已过期或无效），请重新登录。',
        'The single sign-on did not complete (the request expired or was not valid); please sign in again.',
        null,
      );
    };
    if (!flow) return refused('no sign-in was started in this browser, or it expired');
    let identity: Awaited<ReturnType<RelyingParty['finish']>>;
    try {
      identity = await party.finish(new URL(request.url, 'http://callback.invalid'), flow);
    } catch (error) {
      return refused(`callback refused: ${(error as Error).message}`);
    }
    const result = await signInWithOidc(app.store, config, { ...identity, address: request.ip });
    if (result.outcome === 'pending') {
      return page(
        reply,
        'FORBIDDEN',
        'pending',
        result.created
          ? `已为您创建账号 ${result.account.login}，但尚未分配角色：请联系管理员在“用户管理”中分配角色和范围并启用后再登录。`
          : `账号 ${result.account.login} 尚未启用或已停用：请联系管理员。`,
        result.created
          ? `Your account ${result.account.login} was created but has no role yet: ask an administrator to assign its role and scope and enable it (用户管理), then sign in again.`
          : `The account ${result.account.login} is not enabled: ask an administrator.`,
      );
    }
    setSessionCookie(reply, config, result.session.secret, result.session.expiresAt);
    return page(reply, null, 'signed-in', '登录成功，正在进入……', 'Signed in; opening the graph…', '/');
  });
}
