// The register of issued copies (issue 15, part 6): every certified copy of journal pages the program makes, with
// its number, date, what, to whom and who certified it — viewable and exportable.
import { z } from 'zod';
import { method } from '../define.js';
import { id } from '../schemas.js';
import type { FileOutput } from './jobs.js';

export interface IssuedCopyInfo {
  id: number;
  number: number;
  issuedAt: string;
  what: string;
  recipient: string;
  certifiedBy: string;
  pages: number;
  journalId: number | null;
  /** Who made it in the program (null: the command line). */
  madeBy: string | null;
}

/** Those who certify copies (the journal copy's roles) and the secretary who keeps the register of the year. */
const REGISTER_READERS = ['director', 'deputy', 'secretary'] as const;
const input = z.object({ yearId: id('Учебный год').optional() });

export const copyMethods = {
  'copies.list': method<IssuedCopyInfo[]>()({
    summary: 'Реестр выданных копий за учебный год: номер, дата, что, кому, кто заверил',
    access: REGISTER_READERS,
    input,
  }),
  'copies.xlsx': method<FileOutput>()({
    summary: 'Реестр выданных копий в Excel',
    access: REGISTER_READERS,
    input,
  }),
};
