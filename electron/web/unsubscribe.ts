// GET /unsubscribe?t=… shows what the letter's link would stop, with a button; POST does it — from that
// button or from a mail program's one-click request (RFC 8058: `List-Unsubscribe=One-Click`). No login, no
// script: a small page of its own, so it works on any phone and a link scanner's GET changes nothing.
import type http from 'node:http';
import type { ServiceDeps } from '../services/context.js';
import { unsubscribe, unsubscribeInfo, type UnsubscribeView } from '../services/mail/unsubscribe.js';
import { readBody } from './body.js';
import { securityHeaders } from './respond.js';

export const UNSUBSCRIBE_PATH = '/unsubscribe';

export async function handleUnsubscribe(
  deps: ServiceDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  secure: boolean,
): Promise<void> {
  const token = (url.searchParams.get('t') ?? '').slice(0, 200);
  if (req.method === 'POST') {
    const body = await readBody(req, { bytes: 4096, ms: 10_000 });
    const form = new URLSearchParams(body.ok ? body.body.toString('utf8') : '');
    const done = await unsubscribe(deps, token, form.get('all') === '1');
    return page(res, secure, done ? 200 : 404, done ? doneHtml(done) : BAD_LINK);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return page(res, secure, 405, BAD_LINK);
  const view = await unsubscribeInfo(deps, token);
  return page(res, secure, view ? 200 : 404, view ? askHtml(view, token) : BAD_LINK);
}

const BAD_LINK =
  '<h1>Ссылка не действует</h1><p>Ссылка для отказа от писем повреждена или подписка уже удалена. ' +
  'Скопируйте ссылку из письма целиком или измените подписку в электронном дневнике.</p>';

function askHtml(view: UnsubscribeView, token: string): string {
  const action = `${UNSUBSCRIBE_PATH}?t=${encodeURIComponent(token)}`;
  if (!view.active) return doneHtml(view);
  return (
    `<h1>Отказаться от писем</h1><p>Письма «${esc(view.letters)}» о ребёнке: <b>${esc(view.child)}</b>, ` +
    `на адрес ${esc(view.email)}.</p>` +
    `<form method="post" action="${esc(action)}"><button type="submit">Больше не присылать эти письма</button></form>` +
    `<form method="post" action="${esc(action)}"><input type="hidden" name="all" value="1">` +
    '<button type="submit" class="quiet">Не присылать никаких писем об этом ребёнке</button></form>'
  );
}

function doneHtml(view: UnsubscribeView): string {
  return (
    `<h1>Готово</h1><p>Письма «${esc(view.letters)}» о ребёнке ${esc(view.child)} на адрес ${esc(view.email)} ` +
    'больше не придут. Вернуть их можно в электронном дневнике или у заведующего отделением.</p>'
  );
}

function page(res: http.ServerResponse, secure: boolean, status: number, body: string): void {
  const html =
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Письма из журнала</title>' +
    `<style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    ...securityHeaders(secure),
  });
  res.end(html);
}

const STYLE =
  'body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}' +
  'main{max-width:560px;margin:40px auto;padding:24px;background:#fff;border-radius:8px}' +
  'h1{font-size:22px;margin:0 0 12px}p{font-size:16px;line-height:1.5}' +
  'button{font-size:16px;padding:10px 16px;margin:8px 0;border-radius:6px;border:1px solid #0b5cad;' +
  'background:#0b5cad;color:#fff;width:100%}button.quiet{background:#fff;color:#0b5cad}';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
