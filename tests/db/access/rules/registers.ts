// The completeness of the groups' registers (003 §2.2): the administration for every group, a department head for
// their department's, a curator for their own group; nobody else.
import type { AccessRules } from './types.js';

const READERS = ['admin', 'director', 'deputy', 'depthead', 'curator'] as const;
const outOfScope: AccessRules[string]['outOfScope'] = [
  { as: 'curator', input: (fx) => ({ groupId: fx.otherGroupId }) },
  { as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId }) },
  { as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) },
];

export const registerRules: AccessRules = {
  'registers.completeness': { allowed: READERS, input: () => ({}), outOfScope },
  'registers.completenessFile': {
    allowed: READERS,
    input: (fx) => ({ groupId: fx.groupId, format: 'xlsx' }),
    outOfScope: outOfScope!.map((p) => ({ ...p, input: (fx) => ({ ...(p.input(fx) as object), format: 'xlsx' }) })),
  },
};

/** The register of issued copies: those who certify copies, and the secretary who keeps the year's register. */
export const copyRules: AccessRules = {
  'copies.list': { allowed: ['director', 'deputy', 'secretary'], input: () => ({}) },
  'copies.xlsx': { allowed: ['director', 'deputy', 'secretary'], input: () => ({}) },
};
