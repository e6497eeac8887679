// The archive domain's service functions, one per contract method.
export { overview, setSchedule } from './overview.js';
export { drives, folders } from './folders.js';
export { start } from './start.js';
export { verify } from './verify.js';
export { open, journal, file } from './browse.js';
