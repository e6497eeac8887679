// Answers of the browser host: JSON with the security headers every response carries.
import type { ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../api/errors.js';

/** A year of HSTS: once a browser has seen the site over TLS it never tries plain HTTP again. */
const HSTS = 'max-age=31536000';

export function securityHeaders(secure: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(secure ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  secure: boolean,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...securityHeaders(secure),
    ...headers,
  });
  res.end(text);
}
