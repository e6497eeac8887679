// A report filter's choice among numbered options (a group, a period, a journal), «all» as the empty one.
export function Select({
  label,
  value,
  options,
  onChange,
  empty,
}: {
  label: string;
  value: number | null;
  options: Array<[number, string]>;
  onChange: (v: number | null) => void;
  empty?: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map(([id, title]) => (
          <option key={id} value={id}>
            {title}
          </option>
        ))}
      </select>
    </label>
  );
}
