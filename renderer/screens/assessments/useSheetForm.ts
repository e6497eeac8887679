// A sheet edited on screen and saved whole (the practice's attestation sheets, the module exam): the loaded sheet
// as a form, the save that replaces it with what the service kept, «сохранено» until the next save, and the problem
// for the banner — shared with the panel's downloads.
import { useEffect, useState } from 'react';
import type { Input, MethodName, Output } from '../../../electron/api/contract';
import { call } from '../../api';
import { useCall } from '../../components/useCall';
import { useDownload } from './useDownload';

export function useSheetForm<G extends MethodName, S extends MethodName>(
  getMethod: G,
  input: Input<G>,
  saveMethod: S,
  toSave: (form: Output<G>) => Input<S>,
) {
  const { data, error, loading, setData } = useCall(getMethod, input);
  const { problem, setProblem, download } = useDownload();
  const [form, setForm] = useState<Output<G> | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(data ?? null), [data]);
  async function save() {
    if (!form) return;
    setProblem(null);
    setSaved(false);
    try {
      setData((await call(saveMethod, toSave(form))) as unknown as Output<G>);
      setSaved(true);
    } catch (e) {
      setProblem(e);
    }
  }
  return { form, setForm, loading: loading && !data, error, problem, saved, save, download };
}
