// The single entry point both hosts use: validate the input against the contract, check the
// session and role, run the service, and turn every outcome into a Result — never a stack trace.
import { z } from 'zod';
import { contract, isMethodName, type MethodName } from './contract.js';
import type { MethodDef } from './define.js';
import { AppError, type Result } from './errors.js';
import type { AuthedContext, ServiceContext, ServiceDeps, SessionHost } from '../services/context.js';
import { handlers } from './registry.js';
import { readSession } from '../services/session.js';
import { requireFirstRun } from '../services/setup-code.js';
import { DatabaseOpenError } from '../../db/errors.js';

z.config(z.locales.ru());

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

export async function dispatch(
  deps: ServiceDeps,
  host: SessionHost,
  name: string,
  raw: unknown,
  log: DispatchLog = console,
): Promise<Result<unknown>> {
  try {
    if (!isMethodName(name)) throw new AppError('not_found', `Неизвестный метод «${name}»`);
    const value = await run(deps, host, name, raw);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: toAppError(error, log, name).toBody() };
  }
}

async function run(deps: ServiceDeps, host: SessionHost, name: MethodName, raw: unknown): Promise<unknown> {
  const def: MethodDef = contract[name];
  const parsed = def.input.safeParse(raw ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const userId = host.userId();
  const loaded = userId === null ? null : host.loaded?.();
  const session =
    userId === null
      ? null
      : loaded !== undefined
        ? loaded
        : await readSession(deps.database.current, userId, host.locked());
  if (userId !== null && !session) await host.end();
  const ctx: ServiceContext = { ...deps, session, host };
  if (def.access !== 'public') {
    if (!session) throw new AppError('unauthenticated', 'Войдите в программу');
    if (session.locked && !def.duringLock)
      throw new AppError('locked', 'Окно заблокировано после простоя: введите пароль');
    if (session.mustChangePassword && !def.duringLock) {
      throw new AppError('password_change', 'Смените пароль, выданный администратором, прежде чем продолжить');
    }
    if (def.access !== 'any' && !session.roles.some((g) => (def.access as readonly string[]).includes(g.role))) {
      throw new AppError('forbidden', 'Недостаточно прав');
    }
  }
  if (def.firstRun) await requireFirstRun(ctx, (parsed.data as { setupCode?: string }).setupCode);
  const handler = handlers[name] as (ctx: AuthedContext | ServiceContext, input: unknown) => Promise<unknown>;
  return handler(ctx, parsed.data);
}

function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first && first.path.length > 0 && !first.message.includes(':') ? `${first.path.join('.')}: ` : '';
  return new AppError('bad_request', `Неверные данные. ${where}${first?.message ?? ''}`.trim(), fields);
}

export function toAppError(error: unknown, log: DispatchLog, name: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DatabaseOpenError) return new AppError('unavailable', error.message);
  const message = error instanceof Error ? error.message : String(error);
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return new AppError('unavailable', 'База данных занята другим пользователем. Повторите через несколько секунд');
  }
  if (/SQLITE_FULL|ENOSPC/i.test(message)) return new AppError('unavailable', 'Недостаточно места на диске');
  if (/ECONNREFUSED|ECONNRESET|Connection terminated/i.test(message)) {
    return new AppError('unavailable', 'Нет связи с сервером базы данных');
  }
  log.error(`Ошибка в методе ${name}`, error);
  return new AppError('internal', 'Внутренняя ошибка программы. Сведения записаны в журнал ошибок');
}
