// Imported first by main: nothing in a window may navigate away, open windows, embed webviews or
// get device permissions; external links open in the system browser only if they are http(s).
import { app, session, shell, type WebContents } from 'electron';

const ALLOWED_EXTERNAL = new Set(['https:', 'http:']);

export function safeOpenExternal(url: string): void {
  try {
    if (ALLOWED_EXTERNAL.has(new URL(url).protocol)) void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url),
      b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && (a.protocol !== 'file:' || a.pathname === b.pathname);
  } catch {
    return false;
  }
}

export function hardenContents(contents: WebContents, appUrl: () => string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    safeOpenExternal(url);
    return { action: 'deny' };
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app
  .whenReady()
  .then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  })
  .catch(() => undefined);
