// Numbers as the reports print them: decimal comma, percentages, hours.
export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(digits).replace('.', ',')} %`;
}

export function dec(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return value.toFixed(digits).replace('.', ',').replace('-', '−');
}

export function hrs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',');
}

export function groupLabel(r: { groupName: string; subgroup: number | null }): string {
  return r.subgroup ? `${r.groupName} (подгр. ${r.subgroup})` : r.groupName;
}

/** «Иванова Анна Петровна» → «Иванова А. П.» */
export function short(fullName: string): string {
  const [last, ...rest] = fullName.split(' ');
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
}
