// The typed client: `window.journal` in Electron, HTTP in a browser. Nothing else in the renderer
// knows which host it runs in.
import type { ErrorBody, ErrorCode, Input, JournalBridge, MethodName, Output, Result } from '../electron/api/contract';

declare global {
  interface Window {
    journal?: JournalBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  readonly details: unknown;
  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.details = body.details;
  }
}

type AuthListener = (error: ApiError) => void;
const authListeners = new Set<AuthListener>();

/** Called when a call fails because the session ended, the window was locked or the password must change. */
export function onAuthProblem(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = window.journal ? await viaBridge(method, input) : await viaHttp(method, input);
  if (result.ok) return result.value as Output<M>;
  const error = new ApiError(result.error);
  if (['unauthenticated', 'locked', 'password_change'].includes(error.code) && !method.startsWith('auth.')) {
    for (const listener of authListeners) listener(error);
  }
  throw error;
}

async function viaBridge(method: MethodName, input: unknown): Promise<Result<unknown>> {
  const [domain, action] = method.split('.') as [string, string];
  const fn = (window.journal as unknown as Record<string, Record<string, (i: unknown) => Promise<Result<unknown>>>>)[
    domain
  ]?.[action];
  if (!fn) return { ok: false, error: { code: 'not_found', message: `Неизвестный метод «${method}»` } };
  return fn(input);
}

async function viaHttp(method: MethodName, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'Нет связи с программой «Журнал». Проверьте, что она запущена' },
    };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Неожиданный ответ сервера (${response.status})` } };
  }
}

/** Save bytes (base64) as a file the user downloads: a PDF, an .xlsx, a slip. */
export function saveFile(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
