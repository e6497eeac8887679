// Where each group's and journal's files go inside a package. The writer and the read-only viewer
// share it, so the viewer finds a journal's certified copy by the same rules it was written by.
import { GROUPS_DIR } from './manifest.js';
import { packageFileName, uniqueName } from './names.js';
import type { GroupInfo } from './package-data.js';

export interface GroupLayout {
  group: GroupInfo;
  folder: string;
  xlsx: string;
  /** Relative path of each journal's PDF, by journal id. */
  pdfs: Map<number, string>;
}

export function packageLayout(groups: readonly GroupInfo[]): GroupLayout[] {
  const folders: string[] = [];
  return groups.map((group) => {
    const folder = uniqueName(packageFileName(group.name), folders);
    folders.push(folder);
    const names: string[] = [];
    const pdfs = new Map<number, string>();
    for (const j of group.journals) {
      const file = uniqueName(
        packageFileName(j.subgroup ? `${j.subjectName} (подгруппа ${j.subgroup})` : j.subjectName),
        names,
      );
      names.push(file);
      pdfs.set(j.id, `${GROUPS_DIR}/${folder}/${file}.pdf`);
    }
    return { group, folder, xlsx: `${GROUPS_DIR}/${folder}/${folder}.xlsx`, pdfs };
  });
}
