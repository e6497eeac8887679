// «Доступ через браузер» in the desktop app: the same server as `cli serve`, started inside the app on
// this computer or its local network, as the settings say, and restarted when they change. Plain HTTP
// is allowed here (an office network) but the settings screen warns that it carries passwords openly.
import type { WebServerStatus } from '../api/contract.js';
import type { ServiceDeps, WebServerControl } from '../services/context.js';
import type { DispatchLog } from '../api/dispatch.js';
import { readTlsFiles } from '../services/tls-files.js';
import { lanAddresses, listenProblem } from './listen.js';
import { startWebHost, type WebHost } from './server.js';

export class LanServer implements WebServerControl {
  private host: WebHost | null = null;
  private problem: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly rendererDir: string,
    private readonly log: DispatchLog,
  ) {}

  status(): WebServerStatus {
    const web = this.deps.settings.get().web;
    if (!this.host) return { running: false, urls: [], secure: false, problem: web.enabled ? this.problem : null };
    const url = new URL(this.host.url);
    const scheme = url.protocol.replace(':', '');
    const others = web.lan ? lanAddresses().map((a) => `${scheme}://${a}:${url.port}/`) : [];
    return {
      running: true,
      urls: [`${scheme}://127.0.0.1:${url.port}/`, ...others],
      secure: scheme === 'https',
      problem: null,
    };
  }

  /** Stop, then start again as the settings now say (calls are taken one after another). */
  apply(): Promise<WebServerStatus> {
    const next = this.queue.then(() => this.restart());
    this.queue = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.close();
  }

  private async restart(): Promise<WebServerStatus> {
    await this.close();
    this.problem = null;
    const web = this.deps.settings.get().web;
    if (!web.enabled) return this.status();
    const host = web.lan ? '0.0.0.0' : '127.0.0.1';
    try {
      const tls = web.tlsCert && web.tlsKey ? readTlsFiles(web.tlsCert, web.tlsKey) : undefined;
      this.host = await startWebHost({
        deps: this.deps,
        rendererDir: this.rendererDir,
        host,
        port: web.port,
        tls,
        log: this.log,
      });
    } catch (error) {
      this.problem =
        error instanceof Error && !('code' in error) ? error.message : listenProblem(error, host, web.port);
    }
    return this.status();
  }

  private async close(): Promise<void> {
    const host = this.host;
    this.host = null;
    await host?.close(5_000);
  }
}
