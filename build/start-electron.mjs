// `npm start`: make sure the Electron binary and an Electron-ABI build of better-sqlite3 exist,
// then launch the app. `npm test` switches the native module back to Node's ABI when needed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureNative } from './native-abi.mjs';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron'); // downloads the binary on first use (on a PC with internet access)
} catch (error) {
  console.error('Не удалось получить Electron: ' + error.message);
  console.error('Без Electron программу можно открыть в браузере: npm run demo');
  process.exit(1);
}
ensureNative('electron');
const result = spawnSync(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 0);
