// The program's version, as package.json gives it (bundled into the main process by esbuild).
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
