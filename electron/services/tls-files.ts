// The certificate and key of the journal's HTTPS server (`serve --tls-cert`, the app's browser access).
import fs from 'node:fs';
import tls from 'node:tls';

/** The PEM certificate and key, checked to fit together. Throws an Error with a Russian message. */
export function readTlsFiles(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'файл не найден' : code === 'EACCES' ? 'нет прав на чтение' : (error as Error).message;
      throw new Error(`Не удаётся прочитать ${what} «${file}»: ${why}`);
    }
  };
  const cert = read(certFile, 'сертификат');
  const key = read(keyFile, 'ключ');
  try {
    tls.createSecureContext({ cert, key });
  } catch {
    throw new Error(
      `Сертификат «${certFile}» и ключ «${keyFile}» повреждены или не подходят друг к другу (нужны PEM-файлы)`,
    );
  }
  return { cert, key };
}
