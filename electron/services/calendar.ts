// Moved to electron/domain/calendar.ts. Only journal/family.ts still imports this path — it is being
// changed on another branch; delete this file once it imports electron/domain/calendar.js.
export { addDays, eachDay, weekday, weekStart } from '../domain/calendar.js';
