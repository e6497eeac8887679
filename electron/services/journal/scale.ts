// Moved to electron/domain (scale.ts, average.ts). Only family.ts still imports this path — it is being
// changed on another branch; delete this file once it imports electron/domain/average.js.
export { weightedAverage } from '../../domain/average.js';
