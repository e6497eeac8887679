// vitest global setup: one PostgreSQL cluster for the whole run; each test file makes its own databases.
import type { TestProject } from 'vitest/node';
import { postgresUnavailableReason, startCluster, type Cluster } from './postgres-cluster.js';

let cluster: Cluster | null = null;

export default function setup(project: TestProject) {
  let url = process.env.ZHURNAL_PG_URL ?? '';
  const reason = postgresUnavailableReason();
  if (!url && !reason) {
    const port = 54330 + Math.floor(Math.random() * 500);
    cluster = startCluster(port);
    url = cluster.url;
  }
  if (!url) console.warn(`\n⚠ ${reason}\n`);
  project.provide('pgUrl', url);
  return () => { cluster?.stop(); };
}

declare module 'vitest' {
  export interface ProvidedContext { pgUrl: string }
}
