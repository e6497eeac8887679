// The institution's words for a service's message (DESIGN.md §10): read when a message is about to be
// said, so the paths that say nothing pay nothing.
import { wordsOf, type Words } from '../domain/vocabulary.js';
import type { Db } from './context.js';

export async function institutionWords(db: Db): Promise<Words> {
  const inst = await db.selectFrom('institution').select('kind').executeTakeFirst();
  return wordsOf(inst?.kind ?? 'college');
}
