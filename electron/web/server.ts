// The browser host: the built renderer and the same contract over HTTP(S). `npm run demo` and the
// app's «Доступ через браузер» run it on the office network; `cli serve` puts it on the Internet for
// families and staff at home (DESIGN §9), so every request is treated as hostile: bounded headers,
// bodies and time, an Origin check, sessions from the database, and a line in the access log.
//
// node:http stays (no framework): the host has one API route, the static files and /healthz; the
// login throttle must be shared by every `serve` process through the database, which the frameworks'
// in-memory rate limiters are not; and Node's own server already gives the header and request
// timeouts and connection limits that a framework would only pass through.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { HTTP_STATUS } from '../api/errors.js';
import type { ServiceDeps, Session } from '../services/context.js';
import { contract, isMethodName } from '../api/contract.js';
import { dispatch, toAppError, type DispatchLog } from '../api/dispatch.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../services/web-sessions.js';
import { bodyLimitFor, readBody, SMALL_BODY } from './body.js';
import { isInitialized } from '../services/setup.js';
import { clientOf, isLoopback, plainAddress, trustList, type ClientInfo } from './client.js';
import { describeContract } from './contract-doc.js';
import { fail, securityHeaders, sendJson } from './respond.js';
import { COOKIE, readCookie, requestSession } from './sessions.js';
import { serveStatic } from './static.js';
import { handleUnsubscribe, UNSUBSCRIBE_PATH } from './unsubscribe.js';

export interface WebHostOptions {
  deps: ServiceDeps;
  rendererDir: string;
  host?: string;
  port?: number;
  log?: DispatchLog;
  /** One line per request (method, path, status, time, client address); none when absent. */
  accessLog?: (line: string) => void;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Proxies (addresses or subnets) whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy?: readonly string[];
  /** Refuse connections from anywhere but the trusted proxies and loopback (plain HTTP behind a proxy). */
  proxyOnly?: boolean;
  sessionPolicy?: SessionPolicy;
  /** Extra facts for GET /healthz, e.g. whether this process runs the scheduled jobs. */
  health?: () => Record<string, unknown>;
  /**
   * The one-time code the first-run methods need over HTTP (`serve` and the demo print it when the
   * database is empty). Without one they are refused: the host may be reachable from anywhere.
   */
  setupCode?: string | null;
  /** How long a client may take to send its headers, and an ordinary body (tests shorten it). */
  slowClientMs?: number;
}

export interface WebHost {
  url: string;
  server: http.Server;
  /** Stop accepting, let the requests in flight finish (up to `graceMs`), then close every connection. */
  close(graceMs?: number): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { deps } = options;
  const log = options.log ?? console;
  const proxies = options.trustProxy?.length ? trustList(options.trustProxy) : null;
  const policy = options.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  let inFlight = 0;
  let stopping = false;
  let idle: (() => void) | null = null;

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const client = clientOf(req, proxies);
    inFlight++;
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
      options.accessLog?.(accessLine(req, res, client, started));
    });
    handle(req, res, client).catch((error: unknown) => {
      const appError = toAppError(error, log, `HTTP ${req.method}`);
      if (!res.headersSent)
        sendJson(res, HTTP_STATUS[appError.code], { ok: false, error: appError.toBody() }, client.secure);
      else res.destroy();
    });
  };
  // A client that sends its headers or body slowly is cut off instead of holding a connection; Node
  // looks for such connections every `connectionsCheckingInterval` (30 s unless told).
  const slowClientMs = options.slowClientMs ?? 10_000;
  const checking = { connectionsCheckingInterval: Math.max(100, Math.min(2_000, slowClientMs / 4)) };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2', ...checking }, listener)
    : http.createServer(checking, listener);
  server.headersTimeout = slowClientMs;
  server.requestTimeout = 130_000;
  server.keepAliveTimeout = 30_000;
  server.maxHeadersCount = 64;
  server.maxConnections = 4_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, client: ClientInfo): Promise<void> {
    const secure = client.secure;
    const peer = plainAddress(req.socket.remoteAddress);
    if (options.proxyOnly && !client.viaProxy && !isLoopback(peer)) {
      return sendJson(
        res,
        403,
        fail('forbidden', 'Прямые подключения не принимаются: откройте журнал по адресу сайта'),
        secure,
      );
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return health(res, secure);
    if (url.pathname === UNSUBSCRIBE_PATH) return handleUnsubscribe(deps, req, res, url, secure);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendJson(res, 405, fail('bad_request', 'Метод HTTP не поддерживается'), secure);
      }
      return serveStatic(options.rendererDir, url.pathname, req, res, securityHeaders(secure));
    }
    if (url.pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, describeContract(), secure);
    if (req.method !== 'POST')
      return sendJson(res, 405, fail('bad_request', 'Для вызова метода используйте POST'), secure);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(
        res,
        415,
        fail('bad_request', 'Тело запроса должно быть в формате JSON (Content-Type: application/json)'),
        secure,
      );
    }
    if (!sameSite(req)) return sendJson(res, 403, fail('forbidden', 'Запрос с чужого сайта отклонён'), secure);
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      return sendJson(res, 404, fail('not_found', 'Неизвестный метод'), secure);
    }
    const token = readCookie(req.headers.cookie, COOKIE);
    const session = await requestSession(() => deps.database.current, token, deps.clock.now(), policy, client.address);
    // A file's worth of body only for who may send one: a logged-in user (imports), or a server waiting
    // for its first run (a restored copy) — a stranger's request is never buffered beyond the small limit.
    let limit = bodyLimitFor(method);
    if (limit !== SMALL_BODY && !(await mayUpload(method, session.host.loaded?.() ?? null))) limit = SMALL_BODY;
    const body = await readBody(req, limit === SMALL_BODY ? { ...limit, ms: Math.min(limit.ms, slowClientMs) } : limit);
    if (!body.ok) return sendJson(res, body.status, fail('bad_request', body.message), secure, { Connection: 'close' });
    let input: unknown;
    try {
      input = body.body.length === 0 ? {} : JSON.parse(body.body.toString('utf8'));
    } catch {
      return sendJson(res, 400, fail('bad_request', 'Неверный JSON в запросе'), secure);
    }
    const host = { ...session.host, setupCode: () => options.setupCode ?? null };
    const result = await dispatch(deps, host, method, input, log);
    const headers: Record<string, string> = {};
    const cookie = session.cookie(secure);
    if (cookie) headers['Set-Cookie'] = cookie;
    // Logging out on a shared phone leaves nothing of the family's pages in the browser.
    if (method === 'auth.logout') headers['Clear-Site-Data'] = '"cache", "storage"';
    if (!result.ok && result.error.code === 'too_many') {
      const wait = (result.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait) headers['Retry-After'] = String(wait);
    }
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result, secure, headers);
  }

  async function mayUpload(method: string, caller: Session | null): Promise<boolean> {
    if (method === 'setup.restore') return Boolean(options.setupCode) && !(await isInitialized(deps.db));
    if (!caller || !isMethodName(method)) return false;
    const access = contract[method].access;
    return access === 'any' || (Array.isArray(access) && caller.roles.some((g) => access.includes(g.role)));
  }

  async function health(res: http.ServerResponse, secure: boolean): Promise<void> {
    try {
      await sql`select 1`.execute(deps.db);
      sendJson(res, 200, { status: 'ok', database: 'ok', ...options.health?.() }, secure);
    } catch {
      sendJson(res, 503, { status: 'unavailable', database: 'Нет связи с базой данных' }, secure);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const shownHost = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}/`,
    server: server as http.Server,
    close: async (graceMs = 10_000) => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A call from a page of this very site: the browser's Origin (when sent) names this host. */
function sameSite(req: http.IncomingMessage): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Never a token, a password or a name: the method is in the path, the input is not logged. */
function accessLine(req: http.IncomingMessage, res: http.ServerResponse, client: ClientInfo, started: bigint): string {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const path = (req.url ?? '/')
    .split('?')[0]!
    .replace(/[^\x21-\x7e]/g, '?')
    .slice(0, 200);
  const status = res.headersSent ? res.statusCode : 0;
  return `${new Date().toISOString()} ${client.address} ${req.method ?? '-'} ${path} ${status} ${ms.toFixed(1)} ms`;
}
