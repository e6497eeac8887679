// A lease in the database that one process holds at a time: the scheduled jobs (backups, archive
// reminders, weekly remarks) run in exactly one of the processes that share a journal — several
// `serve` processes on one PostgreSQL, staff PCs on the same server, the app and its LAN server.
// The holder renews it every few seconds; when the holder dies (kill -9, a pulled cable) the lease
// runs out and another process takes it over. Times are the machines' real clocks, not the services'
// (the demo pins the date).
import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface LeaseOptions {
  name: string;
  /** How long a taken lease lasts without renewal. */
  ttlMs?: number;
  /** How often the holder renews it and the others try to take it. */
  renewMs?: number;
  log?: { info(message: string): void; error(message: string, error?: unknown): void };
}

export class DatabaseLease {
  readonly holder = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private heldUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private onAcquire: () => void = () => undefined;
  private readonly ttlMs: number;
  private readonly renewMs: number;

  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly options: LeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? Number(process.env.ZHURNAL_LEASE_TTL_MS ?? 30_000);
    this.renewMs = options.renewMs ?? Math.max(200, Math.floor(this.ttlMs / 3));
  }

  /** Held now: taken or renewed less than its time ago (so a holder cut off from the database lets go in time). */
  held(): boolean {
    return Date.now() < this.heldUntil;
  }

  /** Try now and every `renewMs`; `onAcquire` is called each time the lease passes to this process. */
  start(onAcquire: () => void = () => undefined): Promise<void> {
    this.onAcquire = onAcquire;
    if (this.timer) return this.running ?? Promise.resolve();
    this.timer = setInterval(() => void this.tick(), this.renewMs);
    this.timer.unref();
    return this.tick();
  }

  /** Stop renewing and give the lease back, so another process need not wait for it to run out. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    if (!this.held()) return;
    this.heldUntil = 0;
    try {
      await this.db()
        .deleteFrom('leases')
        .where('name', '=', this.options.name)
        .where('holder', '=', this.holder)
        .execute();
    } catch (error) {
      this.options.log?.error('Не удалось освободить блокировку планировщика', error);
    }
  }

  private tick(): Promise<void> {
    this.running ??= this.renew().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async renew(): Promise<void> {
    const had = this.held();
    const started = Date.now();
    try {
      if (await this.take(started)) {
        this.heldUntil = started + this.ttlMs;
        if (!had) {
          this.options.log?.info('Планировщик: плановые задания выполняет этот процесс');
          this.onAcquire();
        }
      } else if (had) {
        this.heldUntil = 0;
        this.options.log?.info('Планировщик: плановые задания перешли к другому процессу');
      }
    } catch (error) {
      // The database is out of reach: keep what is held until it runs out, then stop running jobs.
      this.options.log?.error('Блокировка планировщика не продлена', error);
    }
  }

  private async take(now: number): Promise<boolean> {
    const db = this.db();
    const expires = new Date(now + this.ttlMs).toISOString();
    const updated = await db
      .updateTable('leases')
      .set({ holder: this.holder, expires_at: expires })
      .where('name', '=', this.options.name)
      .where((eb) => eb.or([eb('holder', '=', this.holder), eb('expires_at', '<', new Date(now).toISOString())]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return true;
    const inserted = await db
      .insertInto('leases')
      .values({ name: this.options.name, holder: this.holder, expires_at: expires })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
