// GET /api/contract: every method with its summary, roles and input as JSON Schema.
import { z } from 'zod';
import { contract, methodNames } from '../api/contract.js';
import { ALL_ROLES } from '../api/define.js';

export interface ContractEntry {
  method: string;
  summary: string;
  access: 'public' | 'any' | 'roles';
  roles: string[];
  input: unknown;
}

export function describeContract(): ContractEntry[] {
  return methodNames.map((name) => {
    const def = contract[name];
    const access = def.access === 'public' || def.access === 'any' ? def.access : 'roles';
    return {
      method: name,
      summary: def.summary,
      access,
      roles: access === 'roles' ? [...(def.access as readonly string[])] : access === 'any' ? [...ALL_ROLES] : [],
      input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
    };
  });
}
