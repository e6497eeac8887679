// Text pasted into the grid. (What a cell's value means is the domain's: electron/domain/scale.ts.)

/** Rows and columns of text copied from Excel (tab-separated, one line per row). */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split('\t').map((v) => v.trim()));
}
