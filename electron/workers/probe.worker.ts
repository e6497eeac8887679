// The worker thread of `probeFile` (services/backups/probe.ts).
import { probeJob } from '../services/backups/probe.js';
import { serveJob } from '../platform/worker-job.js';

serveJob(probeJob);
