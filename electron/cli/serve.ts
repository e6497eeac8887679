// `npm run cli -- serve`: the journal on the institution's server for families and staff at home
// (DESIGN §9). The browser host with TLS of its own or behind a trusted reverse proxy, sessions in the
// database, the scheduled jobs in exactly one of the processes sharing the journal, a graceful stop on
// SIGTERM. Anything that stops it from starting is one Russian line and a non-zero exit code.
import net from 'node:net';
import path from 'node:path';
import { flagNumber, flagString } from '../args.js';
import { createScheduler, shutdown } from '../lifecycle.js';
import { startWebHost } from '../web/server.js';
import { trustList } from '../web/client.js';
import { readTlsFiles } from '../services/tls-files.js';
import { listenProblem } from '../web/listen.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { cliContext } from './context.js';
import { openForCli } from './open.js';
import { isInitialized } from '../services/setup.js';
import { newSetupCode } from '../services/setup-code.js';
import { appRoot } from '../platform/app-root.js';

const root = appRoot(import.meta.url);

export const serveCommand: CliCommand = {
  name: 'serve',
  options: {
    db: 'string',
    host: 'string',
    port: 'string',
    'tls-cert': 'string',
    'tls-key': 'string',
    'trust-proxy': 'string',
    quiet: 'boolean',
  },
  usage:
    'serve --db sqlite:ФАЙЛ|postgres://… [--host АДРЕС] [--port ПОРТ] [--tls-cert cert.pem --tls-key key.pem] ' +
    '[--trust-proxy 127.0.0.1,…] [--quiet]',
  summary: 'Сервер журнала для родителей, обучающихся и сотрудников через Интернет (HTTPS или за nginx)',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'базу данных');
    const certFile = flagString(flags, 'tls-cert');
    const keyFile = flagString(flags, 'tls-key');
    if (Boolean(certFile) !== Boolean(keyFile)) throw new CliError('Укажите оба параметра: --tls-cert и --tls-key');
    const credentials = certFile && keyFile ? readTls(certFile, keyFile) : undefined;
    const proxies = (flagString(flags, 'trust-proxy') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (flags['trust-proxy'] === true) throw new CliError('Укажите адреса прокси-сервера: --trust-proxy 127.0.0.1');
    try {
      trustList(proxies);
    } catch (error) {
      throw new CliError(`--trust-proxy: ${(error as Error).message}`);
    }
    const host = flagString(flags, 'host') ?? (credentials ? '0.0.0.0' : '127.0.0.1');
    if (!net.isIP(host)) throw new CliError(`--host: «${host}» — не IP-адрес (пример: 127.0.0.1 или 0.0.0.0)`);
    // Plain HTTP carries passwords in the clear: only on this machine, or behind a proxy that adds TLS.
    if (!credentials && proxies.length === 0 && !host.startsWith('127.') && host !== '::1') {
      throw new CliError(
        'Без TLS сервер слушает только 127.0.0.1. Укажите --tls-cert и --tls-key ' +
          'или поставьте перед ним nginx с HTTPS и укажите его адрес в --trust-proxy',
      );
    }
    const { settings } = cliContext(flags);
    const port = flagNumber(flags, 'port') ?? settings.get().web.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: «${port}» — не номер порта`);

    const core = await openForCli(flags, db);
    const { clock } = cliContext(flags);
    const log = {
      info: (m: string) => console.log(m),
      error: (m: string, e?: unknown) => console.error(`${m}: ${e instanceof Error ? e.message : String(e ?? '')}`),
    };
    // An empty journal is set up in the browser, by whoever can read this console: the code proves it.
    const setupCode = (await isInitialized(core.deps.db)) ? null : newSetupCode();
    if (setupCode) {
      console.warn('База пуста: организация ещё не создана. Откройте журнал в браузере и выберите, как начать.');
      console.warn(`Код настройки (спросит первый экран): ${setupCode}`);
    }
    const scheduler = createScheduler(core, clock, log);
    let web;
    try {
      web = await startWebHost({
        deps: core.deps,
        rendererDir: path.join(root, 'dist', 'renderer'),
        host,
        port,
        tls: credentials,
        setupCode,
        trustProxy: proxies,
        proxyOnly: !credentials && proxies.length > 0,
        log: { error: (m, e) => log.error(m, e) },
        accessLog: flags.quiet === true ? undefined : (line) => console.log(line),
        health: () => ({ scheduler: scheduler.active() ? 'active' : 'standby' }),
      });
    } catch (error) {
      await core.close();
      throw new CliError(`${listenProblem(error, host, port)} (--port, --host)`);
    }
    scheduler.start();
    if (!credentials && proxies.length === 0) {
      console.warn('Внимание: без HTTPS — доступ только с этого компьютера (127.0.0.1)');
    }
    console.log(`Журнал: ${web.url}`);

    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`Получен ${signal}: новые подключения не принимаются, завершаю начатые запросы…`);
        void web
          .close()
          .then(() => shutdown(core, scheduler, log))
          .finally(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    console.log('Сервер остановлен');
    return 0;
  },
};

function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  try {
    return readTlsFiles(certFile, keyFile);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
