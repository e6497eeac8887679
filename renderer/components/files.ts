// Reading a file the user picked (an <input type="file">, which in Electron opens the system dialog).

/** The file's bytes as base64, for a contract method that carries a file. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
