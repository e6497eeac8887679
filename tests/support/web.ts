// A browser-like client of the web host: keeps the session cookie, sends JSON, can say which address
// it comes from (X-Forwarded-For, believed only when the host trusts the connection's proxy).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WebAnswer {
  status: number;
  headers: Headers;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };
}

export class WebClient {
  cookie: string | null = null;
  constructor(
    public base: string,
    public forwardedFor: string | null = null,
  ) {}

  async call(method: string, input: unknown = {}, extra: Record<string, string> = {}): Promise<WebAnswer> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.forwardedFor) headers['X-Forwarded-For'] = this.forwardedFor;
    const res = await fetch(new URL(`api/${method}`, this.base), {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = /Max-Age=0/.test(set) ? null : set.split(';')[0]!;
    return { status: res.status, headers: res.headers, body: (await res.json()) as WebAnswer['body'] };
  }

  /** Logged in as somebody (auth.me answers a user)? */
  async loggedIn(): Promise<boolean> {
    const r = await this.call('auth.me');
    return r.body.ok && r.body.value !== null;
  }
}

/** A folder with a minimal built renderer, for hosts that only answer the API. */
export function fakeRenderer(): string {
  const dir = fs.mkdtempSync(path.join(process.env.ZHURNAL_TEST_TMP ?? os.tmpdir(), 'zhurnal-renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Журнал</title>');
  return dir;
}
