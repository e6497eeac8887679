// The reports domain: on-screen data per report, and `start` for files (PDF, Excel, copies, the pack).
export { attendance } from './attendance.js';
export { personHours, retention, unionAttendance } from './centre.js';
export { completion } from './completion.js';
export { filters } from './filters.js';
export { forecast } from './forecast.js';
export { hoursSheet } from './hours.js';
export { keeping } from './keeping.js';
export { performance } from './performance.js';
export { start } from './start.js';
export { stipendAttendance } from './stipend.js';
export { substitutions } from './substitutions.js';
