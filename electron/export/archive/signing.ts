// The institution's Ed25519 key pair that signs every archive's manifest.json. Made on first use in
// the user-data folder (`paths.keys`); the private key never leaves it — only the public key (PEM)
// and its fingerprint go into a package and onto its certification sheet.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createKeyFileOnce } from '../../platform/key-file.js';

export const KEY_PRIVATE_FILE = 'institution-ed25519.key.pem';
export const KEY_PUBLIC_FILE = 'institution-ed25519.pub.pem';

export interface InstitutionKey {
  privateKey: crypto.KeyObject;
  /** SubjectPublicKeyInfo PEM, as written into the package. */
  publicPem: string;
  /** SHA-256 of the public key's DER, lowercase hex: what `openssl pkey -pubin -outform DER | sha256sum` prints. */
  fingerprint: string;
}

/** SHA-256 of a public key's DER encoding, lowercase hex. */
export function fingerprintOf(publicPem: string): string {
  const der = crypto.createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex');
}

/** «9f86 d081 8847 …» — the fingerprint in groups of four for reading aloud and comparing on paper. */
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Loads the key pair, or makes and saves it the first time (0600, written atomically). */
export function loadOrCreateInstitutionKey(keysDir: string): InstitutionKey {
  const privateFile = path.join(keysDir, KEY_PRIVATE_FILE);
  if (!fs.existsSync(privateFile)) createKeyPair(keysDir);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(fs.readFileSync(privateFile, 'utf8'));
  } catch (error) {
    throw new Error(
      `Ключ подписи архивов повреждён или недоступен (${privateFile}): ${(error as Error).message}. ` +
        'Восстановите папку keys из резервной копии; создать новый ключ можно, удалив файл, но старые архивы ' +
        'тогда придётся сверять по отпечатку старого ключа.',
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`Ключ ${privateFile} — не Ed25519`);
  const publicPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicPem, fingerprint: fingerprintOf(publicPem) };
}

function createKeyPair(keysDir: string): void {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Another process may have made the key meanwhile: the public key is the kept private key's.
  const kept = createKeyFileOnce(keysDir, KEY_PRIVATE_FILE, privatePem);
  const publicPem = crypto.createPublicKey(kept).export({ type: 'spki', format: 'pem' }).toString();
  fs.writeFileSync(path.join(keysDir, KEY_PUBLIC_FILE), publicPem);
}

/** Ed25519 signature of the bytes: 64 raw bytes, as `openssl pkeyutl -verify -rawin` expects. */
export function signBytes(key: InstitutionKey, bytes: Uint8Array): Buffer {
  return crypto.sign(null, bytes, key.privateKey);
}

export function verifyBytes(publicPem: string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = crypto.createPublicKey(publicPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return crypto.verify(null, bytes, key, signature);
  } catch {
    return false; // an unreadable key or a malformed signature is simply «does not verify»
  }
}
