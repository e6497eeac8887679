// Real parts for the online drill and the load bench: `cli serve` processes, nginx from Debian with the
// configuration of build/deploy/nginx-zhurnal.conf (ports and paths put in), a certificate made by
// openssl, and an HTTP(S) client that can come from any loopback address (127.0.0.2, 127.0.0.3 …) so
// that nginx sees different clients.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs } from './bin.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? null;

export function nginxMissing(): string | null {
  return NGINX ? null : 'nginx не установлен (apt-get install nginx): проверка за nginx пропущена';
}

export function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

export interface ServeProcess {
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

export async function startServe(options: {
  db: string;
  port: number;
  dataDir: string;
  args?: string[];
  env?: Record<string, string>;
}): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      ...cliArgs(),
      'serve',
      '--db',
      options.db,
      '--port',
      String(options.port),
      '--data',
      options.dataDir,
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve не запустился:\n${out}`)), 60_000);
    const look = () => {
      const m = /Журнал: (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve завершился с кодом ${code}:\n${out}`));
    });
  });
  return {
    port: options.port,
    url,
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** nginx in the foreground with the deployment's configuration: its upstreams, port and certificate put in. */
export async function startNginx(options: {
  dir: string;
  port: number;
  upstreams: number[];
  cert: string;
  key: string;
  workers?: number;
}): Promise<Nginx> {
  if (!NGINX) throw new Error(nginxMissing()!);
  let site = fs.readFileSync(path.join(ROOT, 'build', 'deploy', 'nginx-zhurnal.conf'), 'utf8');
  const upstream = options.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  site = site
    .replace(/( {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/, `${upstream}\n`)
    .replace(/server \{\n {4}listen 80;[\s\S]*?\n\}\n/, '')
    .replace('listen 443 ssl;', `listen 127.0.0.1:${options.port} ssl;`)
    .replace('/etc/ssl/zhurnal/fullchain.pem', options.cert)
    .replace('/etc/ssl/zhurnal/privkey.pem', options.key)
    .replace('shared:zhurnal:10m', `shared:zhurnal${options.port}:10m`);
  if (!site.includes(`127.0.0.1:${options.upstreams[0]}`) || site.includes('listen 80')) {
    throw new Error('build/deploy/nginx-zhurnal.conf изменился: обновите подстановки в tests/support/serve-cluster.ts');
  }
  const tmp = (name: string) => path.join(options.dir, name);
  fs.writeFileSync(tmp('site.conf'), site);
  fs.writeFileSync(
    tmp('nginx.conf'),
    [
      process.getuid?.() === 0 ? 'user root root;' : '',
      `worker_processes ${options.workers ?? 1};`,
      'daemon off;',
      `pid ${tmp('nginx.pid')};`,
      `error_log ${tmp('error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${tmp('body')};`,
      `  proxy_temp_path ${tmp('proxy')};`,
      `  fastcgi_temp_path ${tmp('fastcgi')};`,
      `  uwsgi_temp_path ${tmp('uwsgi')};`,
      `  scgi_temp_path ${tmp('scgi')};`,
      `  include ${tmp('site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-c', tmp('nginx.conf'), '-p', options.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `https://127.0.0.1:${options.port}/`;
  for (let i = 0; ; i++) {
    try {
      await request(`${url}healthz`);
      break;
    } catch {
      if (i > 100 || child.exitCode !== null)
        throw new Error(`nginx не запустился:\n${out}\n${readIf(tmp('error.log'))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

function readIf(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string } }>(): T;
}

const agents = new Map<string, http.Agent>();

/**
 * One request over a kept-alive connection from `from` (a loopback address); the self-signed certificate is accepted.
 */
export function request(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    cookie?: string | null;
    from?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agentKey = `${target.protocol}${options.from ?? ''}`;
  let agent = agents.get(agentKey);
  if (!agent) {
    agent = secure
      ? new https.Agent({ keepAlive: true, rejectUnauthorized: false, localAddress: options.from })
      : new http.Agent({ keepAlive: true, localAddress: options.from });
    agents.set(agentKey, agent);
  }
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.cookie) headers.Cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      target,
      { method: options.method ?? (body ? 'POST' : 'GET'), agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function destroyAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/** The session cookie (name=value) a login answer set. */
export function cookieOf(answer: Answer): string | null {
  const set = answer.headers['set-cookie']?.[0];
  return set ? set.split(';')[0]! : null;
}
