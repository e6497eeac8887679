// The institution's words (DESIGN.md §10) for every screen: the shell provides them by the kind that
// auth.me reports, and a screen takes them with useWords() — «Объединение» in a centre, «Класс» in a school.
import { createContext, useContext, type ReactNode } from 'react';
import type { InstitutionKind } from '../../electron/domain/enums';
import { wordsOf, type Words } from '../../electron/domain/vocabulary';

const WordsContext = createContext<Words>(wordsOf('college'));

export function WordsProvider({ kind, children }: { kind: InstitutionKind | undefined; children: ReactNode }) {
  return <WordsContext.Provider value={wordsOf(kind ?? 'college')}>{children}</WordsContext.Provider>;
}

export function useWords(): Words {
  return useContext(WordsContext);
}
