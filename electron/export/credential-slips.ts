// Credential slips (003 §2.3): six to an A4 sheet with cut lines, each with whose account it is, the
// login, the one-time password and how to log in. Logins and passwords are set in DejaVu Sans Mono so
// that l/1 and O/0 cannot be confused.
import { ruDay } from '../domain/format-dates.js';
import { createPdf, GREY_FILL, GREY_TEXT } from './pdf/index.js';

export interface CredentialSlip {
  fullName: string;
  /** «Обучающийся, группа ЭС-21», «Родитель обучающегося: Иванов Пётр (ЭС-21)», «Преподаватель». */
  who: string;
  login: string;
  password: string;
}

export interface CredentialSlipsOptions {
  institution: string;
  formedAt: Date;
  /** The address to open in a browser, when the journal is reachable over the network. */
  address: string | null;
  /** Where to get help: «заведующий отделением Петрова А. С., каб. 210». */
  help: string;
  slips: readonly CredentialSlip[];
}

export async function credentialSlipsPdf(options: CredentialSlipsOptions): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: 'Данные для входа в электронный журнал',
    orientation: 'portrait',
    institution: options.institution,
    formedAt: options.formedAt,
    mono: true,
    titleBlock: false,
    family: 'condensed',
  });
  const how = options.address
    ? `Откройте в браузере адрес ${options.address} (или программу «Журнал» в учебном заведении) и введите логин и ` +
      `пароль.`
    : 'Откройте программу «Журнал» в учебном заведении и введите логин и пароль.';
  pdf.slips(options.slips, {
    perPage: 6,
    padding: 11,
    draw(slot, s) {
      slot.text(options.institution, { size: 7.5, color: GREY_TEXT, after: 1 });
      slot.text('Доступ к электронному журналу', { size: 9, bold: true, after: 5 });
      slot.text(s.fullName, { size: 12, bold: true, after: 1 });
      slot.text(s.who, { size: 8.5, color: GREY_TEXT, after: 6 });
      const boxTop = slot.y - 3;
      slot.field('Логин:', s.login, { size: 12, labelWidth: 52 });
      slot.field('Пароль:', s.password, { size: 12, labelWidth: 52 });
      slot.canvas.rect(slot.innerLeft - 4, boxTop, slot.innerWidth + 8, slot.y - boxTop - 1, {
        stroke: { width: 0.6, color: GREY_FILL },
      });
      slot.spacer(3);
      slot.text(how, { size: 8 });
      slot.text(
        'Пароль одноразовый: при первом входе программа попросит придумать свой — не короче 8 символов, с буквами и ' +
          'цифрами.',
        { size: 8 },
      );
      slot.text(`Помощь: ${options.help}.`, { size: 8 });
      slot.text(`Выдан ${ruDay(options.formedAt)}. Никому не сообщайте пароль и не входите под чужим логином.`, {
        size: 7.5,
        color: GREY_TEXT,
      });
    },
  });
  return pdf.finish();
}
