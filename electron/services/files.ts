// Files handed to the renderer: bytes as base64 with a name and type.
import type { FileOutput } from '../api/contract.js';

export function fileOutput(fileName: string, mime: string, bytes: Uint8Array): FileOutput {
  return { fileName, mime, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** A file name safe on Windows, Linux and macOS, keeping Cyrillic. */
export function safeFileName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150)
  );
}
