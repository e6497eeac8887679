// Names as the reports show them. (Numbers: electron/domain/format-numbers.ts.)
export function groupLabel(r: { groupName: string; subgroup: number | null }): string {
  return r.subgroup ? `${r.groupName} (подгр. ${r.subgroup})` : r.groupName;
}

/** «Иванова Анна Петровна» → «Иванова А. П.» */
export function short(fullName: string): string {
  const [last, ...rest] = fullName.split(' ');
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
}
