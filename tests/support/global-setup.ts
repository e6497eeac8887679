// vitest global setup: one PostgreSQL cluster for the whole run; each test file makes its own databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { postgresUnavailableReason, startCluster, type Cluster } from './postgres-cluster.js';
import { bundleForTests } from './bin.js';
import { makeTemplates } from './db-templates.js';

let cluster: Cluster | null = null;

export default async function setup(project: TestProject) {
  bundleForTests();
  // Every test's user-data folder (settings, backups a service takes) goes under one folder of the
  // run, removed at the end: a suite that takes a backup before each import leaves nothing in /tmp.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-run-'));
  process.env.ZHURNAL_TEST_TMP = scratch;
  let url = process.env.ZHURNAL_PG_URL ?? '';
  const reason = postgresUnavailableReason();
  if (!url && !reason) {
    cluster = startCluster();
    url = cluster.url;
  }
  if (!url && process.env.ZHURNAL_CI) throw new Error(`ZHURNAL_CI: ${reason} — the PostgreSQL half must run in CI`);
  if (!url) console.warn(`\n⚠ ${reason}\n`);
  project.provide('pgUrl', url);
  // Every test database starts as a copy of one migrated when the run starts (db-templates.ts).
  const templates = await makeTemplates(scratch, url);
  project.provide('sqliteTemplate', templates.sqlite);
  project.provide('pgTemplate', templates.pg);
  return async () => {
    await templates.drop();
    cluster?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** A migrated SQLite journal to copy; '' when none was made. */
    sqliteTemplate: string;
    /** The PostgreSQL database new ones are made from (CREATE DATABASE … TEMPLATE); '' without a server. */
    pgTemplate: string;
  }
}
