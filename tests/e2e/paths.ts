import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// One template per checkout, so runs from several checkouts at once don't overwrite each other's.
const checkout = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
export const TEMPLATE_DB = path.join(os.tmpdir(), `zhurnal-e2e-template-${checkout}`, 'demo.sqlite');
/** A Wednesday: the demo teacher has lessons today that are not yet entered. */
export const E2E_TODAY = '2026-11-25';
