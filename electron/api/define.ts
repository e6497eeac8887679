// How a contract method is declared: its input schema, allowed roles, one line of what it does,
// and — as a phantom type — its output.
import type { z } from 'zod';
import type { Role } from '../../db/schema.js';

export type { Role };
export const ALL_ROLES: readonly Role[] = [
  'admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher', 'student', 'parent',
];
/** Roles that work for the institution (everyone but students and parents). */
export const STAFF: readonly Role[] = ['admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher'];

/** `public`: no session needed (login). `any`: any logged-in user. Otherwise: one of the roles. */
export type Access = 'public' | 'any' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  access: Access;
  input: I;
  /** Allowed while the password must still be changed or the window is idle-locked. */
  duringLock?: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

/** `method<Output>()({ … })`: declare a method with its output type. */
export function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}
