// A button's download: call a method that returns a file, save it, keep the error for the banner.
import { useState } from 'react';
import type { FileOutput, Input, MethodName } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';

export function useDownload() {
  const [problem, setProblem] = useState<unknown>(null);
  async function download<M extends MethodName>(method: M, input: Input<M>) {
    setProblem(null);
    try {
      const f = (await call(method, input)) as unknown as FileOutput;
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setProblem(e);
    }
  }
  return { problem, setProblem, download };
}
