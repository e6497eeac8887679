// The worker thread of `probeFile` (services/backups/probe.ts).
import { probeJob } from '../services/backups/probe.js';
import { serveJob } from './job.js';

serveJob(probeJob);
