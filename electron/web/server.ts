// The browser host: the built renderer and the same contract over HTTP, on 127.0.0.1 unless the
// admin opts in to the local network. Also the seed's "parents over the Internet" channel.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS, type Result } from '../api/errors.js';
import type { ServiceDeps } from '../services/context.js';
import { dispatch, type DispatchLog } from '../services/dispatch.js';
import { describeContract } from './contract-doc.js';
import { COOKIE, readCookie, sessionCookie, WebSessions } from './sessions.js';
import { serveStatic } from './static.js';

export interface WebHostOptions {
  deps: ServiceDeps;
  rendererDir: string;
  host?: string;
  port?: number;
  log?: DispatchLog;
  /** Largest accepted request body (imports arrive as base64). */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const sessions = new WebSessions();
  const stopListening = options.deps.database.onReplaced(() => sessions.clear());
  const log = options.log ?? console;
  const maxBody = options.maxBodyBytes ?? 40 * 1024 * 1024;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error('Ошибка HTTP-сервера', error);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'Внутренняя ошибка программы'));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('bad_request', 'Метод HTTP не поддерживается'));
      return serveStatic(options.rendererDir, url.pathname, res);
    }
    if (url.pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, describeContract());
    if (req.method !== 'POST') return sendJson(res, 405, fail('bad_request', 'Для вызова метода используйте POST'));
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, fail('bad_request', 'Тело запроса должно быть в формате JSON (Content-Type: application/json)'));
    }
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      return sendJson(res, 403, fail('forbidden', 'Запрос с чужого сайта отклонён'));
    }
    const body = await readBody(req, maxBody);
    if (body === null) return sendJson(res, 413, fail('bad_request', 'Слишком большой запрос'));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, fail('bad_request', 'Неверный JSON в запросе'));
    }
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    const before = readCookie(req.headers.cookie, COOKIE);
    const { host, token } = sessions.hostFor(before);
    const result = await dispatch(options.deps, host, method, input, log);
    const after = token();
    const headers: Record<string, string> = {};
    if (after !== before) headers['Set-Cookie'] = sessionCookie(after, false);
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result, headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    close: () => new Promise<void>((resolve) => { stopListening(); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function fail(code: keyof typeof HTTP_STATUS, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { tooBig = true; chunks.length = 0; return; }
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
