// A substitute teacher in someone else's journal (issue 14): a dated change «замена» names who teaches
// one lesson instead of the journal's teacher. For that lesson only, the substitute records attendance,
// topic, homework and marks; the lesson records who taught it, and the hours sheet credits them.
import type { Db } from '../context.js';

export interface SubstituteSlot {
  date: string;
  lessonNo: number;
}

/** The lessons of this journal the user teaches as a substitute, by date. */
export async function substituteSlots(db: Db, journalId: number, userId: number): Promise<SubstituteSlot[]> {
  const rows = await db
    .selectFrom('timetable_changes')
    .select(['date', 'lesson_no'])
    .where('journal_id', '=', journalId)
    .where('kind', '=', 'substitute')
    .where('substitute_user_id', '=', userId)
    .orderBy('date')
    .orderBy('lesson_no')
    .execute();
  return rows.map((r) => ({ date: r.date, lessonNo: r.lesson_no }));
}

/** Who teaches this lesson: its substitute when a change names one, else the journal's teacher. */
export async function teacherOfLesson(
  db: Db,
  journal: { id: number; teacher_user_id: number },
  date: string,
  lessonNo: number,
): Promise<number> {
  const change = await db
    .selectFrom('timetable_changes')
    .select('substitute_user_id')
    .where('journal_id', '=', journal.id)
    .where('kind', '=', 'substitute')
    .where('date', '=', date)
    .where('lesson_no', '=', lessonNo)
    .executeTakeFirst();
  return change?.substitute_user_id ?? journal.teacher_user_id;
}
