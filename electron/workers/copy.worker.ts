// The worker thread of the online backup copy (services/backups/copy.ts).
import { copyJob } from '../services/backups/copy.js';
import { serveJob } from '../platform/worker-job.js';

serveJob(copyJob);
