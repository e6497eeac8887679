// The role × method access matrix: one rule per contract method, kept per domain.
import type { DemoLogin, Fixtures } from '../../../support/fixtures.js';

export interface AccessRule {
  /** Demo logins that may call the method with the in-scope input. Everyone else must get «forbidden». */
  allowed: readonly DemoLogin[] | 'everyone';
  /** An input aimed inside the allowed callers' scope. */
  input: (fx: Fixtures) => unknown;
  /** The same method aimed outside a caller's scope: must be refused with «forbidden». */
  outOfScope?: Array<{ as: DemoLogin; input: (fx: Fixtures) => unknown }>;
}

export type AccessRules = Record<string, AccessRule>;

export const STAFF: DemoLogin[] = ['admin', 'director', 'deputy', 'secretary', 'depthead', 'curator', 'teacher'];
