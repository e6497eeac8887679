// How a contract method is declared: its input schema, allowed roles, one line of what it does,
// and — as a phantom type — its output.
import type { z } from 'zod';
import { ROLES, STAFF_ROLES, type Role } from '../domain/enums.js';

export type { Role };
export const ALL_ROLES: readonly Role[] = ROLES;
/** Roles that work for the institution (everyone but students and parents). */
export const STAFF: readonly Role[] = STAFF_ROLES;

/** `public`: no session needed (login). `any`: any logged-in user. Otherwise: one of the roles. */
export type Access = 'public' | 'any' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  access: Access;
  input: I;
  /** Allowed while the password must still be changed or the window is idle-locked. */
  duringLock?: boolean;
  /** A first-run method: served only while the database has no institution, and with the host's setup code. */
  firstRun?: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

/** `method<Output>()({ … })`: declare a method with its output type. */
export function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}
