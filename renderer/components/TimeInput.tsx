// A time of day typed as ЧЧ:ММ on the 24-hour clock, whatever the computer's locale (a browser's own
// time field shows AM/PM in an English one). The value outside is `HH:MM`, '' when empty, and
// `?text` while the text is not a time.
import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { hhmmFromText } from '../../electron/domain/format-dates';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange: (hhmm: string) => void;
};

export function TimeInput({ value, onChange, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (hhmmFromText(text) !== value && !(value.startsWith('?') && text !== '')) setText(value);
  }, [value]);
  const bad = text.trim() !== '' && hhmmFromText(text) === null;
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder="ЧЧ:ММ"
      maxLength={5}
      value={text}
      className={`time-input ${rest.className ?? ''}`}
      aria-invalid={bad || rest['aria-invalid'] ? true : undefined}
      onChange={(e) => {
        let t = e.target.value.replace(/[^\d:]/g, '');
        // The colon comes by itself: «0830» → «08:30».
        if (/^\d{4}$/.test(t)) t = `${t.slice(0, 2)}:${t.slice(2)}`;
        setText(t);
        onChange(t.trim() === '' ? '' : (hhmmFromText(t) ?? `?${t}`));
      }}
    />
  );
}
