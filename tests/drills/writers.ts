// Run mark-writer processes and read their acknowledgements.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drillScriptArgs } from '../support/bin.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Writer {
  child: ChildProcess;
  output: () => string;
  done: Promise<number | null>;
}

export function startWriter(args: string[]): Writer {
  const child = spawn(process.execPath, drillScriptArgs('mark-writer', ...args), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out + (err ? `\n[stderr] ${err}` : ''), done };
}

/** Resolves when the writer has printed at least `n` lines starting with ACK (or has exited). */
export function waitForAcks(writer: Writer, n: number, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const acks = (writer.output().match(/^ACK /gm) ?? []).length;
      if (acks >= n || writer.child.exitCode !== null) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`only ${acks} acks:\n${writer.output().slice(-2000)}`));
      }
    }, 5);
  });
}
