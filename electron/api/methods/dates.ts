// A calendar date in the API (ISO `YYYY-MM-DD`) with a message for people, who type ДД.ММ.ГГГГ.
import { z } from 'zod';
import { isValidIsoDate } from '../schemas.js';

export const day = (what = 'Дата') =>
  z
    .string({ error: `${what}: укажите дату (ДД.ММ.ГГГГ)` })
    .refine(isValidIsoDate, `${what}: укажите дату (ДД.ММ.ГГГГ)`);
