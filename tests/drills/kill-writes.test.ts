// kill -9 a process in the middle of a stream of mark writes; reopen: integrity is ok and every
// acknowledged write is there (the one write in flight may or may not have landed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { SMALL_DEMO, DEMO_TODAY } from '../support/fixtures.js';
import { parseAcks, valueAt, writableCells, writeCellsFile, type DrillCell } from './cells.js';
import { startWriter, waitForAcks } from './writers.js';

const ROUNDS = process.env.DRILLS_SLOW ? 8 : 1;
let dir: string;
let file: string;
let cellsFile: string;
let cells: DrillCell[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-kill-'));
  file = path.join(dir, 'journal.sqlite');
  const handle = await openDatabase(`sqlite:${file}`);
  await generateDemo(handle.db, SMALL_DEMO);
  cells = await writableCells(handle.db, 'teacher', DEMO_TODAY, 120);
  await handle.close();
  cellsFile = path.join(dir, 'cells.json');
  expect(cells.length).toBeGreaterThan(50);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it(`keeps every acknowledged mark after kill -9 mid-stream (${ROUNDS} round(s))`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    writeCellsFile(cellsFile, cells);
    const start = round * 10_000;
    const writer = startWriter([`sqlite:${file}`, cellsFile, 'teacher', String(start), '1', '100000']);
    await waitForAcks(writer, 150 + round * 37);
    writer.child.kill('SIGKILL');
    await writer.done;
    const acks = parseAcks(writer.output());
    expect(acks.length, writer.output().slice(-1500)).toBeGreaterThanOrEqual(150);

    const raw = new SQLite(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const lastByCell = new Map<number, (typeof acks)[number]>();
    for (const ack of acks) lastByCell.set(ack.cell, ack);
    const inFlight = acks.at(-1)!.k + 1;
    const read = raw.prepare('select value, version from marks where column_id = ? and student_id = ?');
    for (const [index, ack] of lastByCell) {
      const row = read.get(cells[index]!.columnId, cells[index]!.studentId) as
        { value: string; version: number } | undefined;
      const allowed = [ack.value];
      if (inFlight % cells.length === index) allowed.push(valueAt(inFlight));
      expect(allowed, `cell ${index}: acknowledged ${ack.value}, found ${row?.value}`).toContain(row?.value);
      cells[index]!.version = row!.version;
    }
    raw.close();
  }
});
