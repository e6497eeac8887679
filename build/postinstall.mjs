// After `npm ci`: where the Electron binary exists, rebuild native modules (better-sqlite3) for
// Electron's ABI. Where it does not (CI, machines without internet access to GitHub), skip: the
// tests run on Node's ABI, and `npm start` rebuilds when it first launches the app.
import { electronBinary } from './electron-path.mjs';

if (process.env.ZHURNAL_SKIP_APP_DEPS || !electronBinary()) {
  console.log('postinstall: Electron binary not present — native modules stay built for Node (tests, demo, CLI).');
} else {
  console.log('postinstall: Electron present — run `npx electron-builder install-app-deps` to use the app.');
}
