// The deterministic demo institution: `generateDemo(db, { seed, students, groups, teachers, today, kind })`
// fills an empty, migrated database with a college (seed 003) or a supplementary-education centre
// (seed 000) — two academic years of journals — and returns what it made.
export { generateDemo } from './generate.js';
export type { DemoCounts, DemoOptions } from './model.js';
export { DEMO_LOGINS, DEMO_PASSWORD, demoLogins } from './staff.js';
