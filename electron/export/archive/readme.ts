// ПРОВЕРКА.txt: how to check the archive with nothing but standard tools — sha256sum and OpenSSL on
// Linux, certutil and PowerShell on Windows. The commands are run as written by the tests.
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { ruDateTime } from '../../domain/format-dates.js';
import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, SUMS_FILE } from './manifest.js';
import { groupedFingerprint } from './signing.js';

export interface ReadmeOptions {
  institution: string;
  /** Whose words the text speaks (DESIGN.md §10). */
  kind: InstitutionKind;
  yearTitle: string;
  packageName: string;
  database: string;
  formedAt: Date;
  createdBy: string;
  fingerprint: string;
  /** Files listed in the manifest (everything but manifest.json and manifest.sig). */
  listedFiles: number;
}

/** UTF-8 with a BOM and CRLF line ends, so that Windows Notepad shows it right too. */
export function readmeBytes(o: ReadmeOptions): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readmeText(o).replace(/\n/g, '\r\n'), 'utf8')]);
}

export function readmeText(o: ReadmeOptions): string {
  const all = o.listedFiles + 2;
  const w = wordsOf(o.kind);
  const group = w.term('group');
  return `ПРОВЕРКА ЭЛЕКТРОННОГО АРХИВА ЖУРНАЛОВ

Организация:   ${o.institution}
Учебный год:   ${o.yearTitle}
Сформирован:   ${ruDateTime(o.formedAt)}, ${o.createdBy}
Папка архива:  ${o.packageName}

Отпечаток ключа подписи (SHA-256 открытого ключа ${PUBLIC_KEY_FILE}):
  ${o.fingerprint}
  (${groupedFingerprint(o.fingerprint)})
Он же напечатан на листе заверения, подписанном директором. Если отпечатки
не совпадают, архив подписан чужим ключом: не доверяйте ему.


ЧТО В ПАПКЕ

  ${MANIFEST_FILE}      опись: каждый файл, его размер и SHA-256; год, счётчики,
                     кто и когда сформировал, версия программы
  ${SIGNATURE_FILE}       подпись описи (Ed25519, 64 байта)
  ${PUBLIC_KEY_FILE}     открытый ключ организации
  ${SUMS_FILE}         контрольные суммы всех файлов (формат sha256sum)
  ${o.database}
                     база данных года (SQLite): открывается программой «Журнал»
                     только для чтения и командой sqlite3
  students.pdf, students.xlsx
                     общие сведения об обучающихся
  groups/<${group}>/<${w.term('subject')}>.pdf
                     заверенные копии страниц журналов: посещаемость, отметки,
                     темы занятий, домашние задания, итоговые отметки
  groups/<${group}>/<${group}>.xlsx
                     журналы ${w.term('group', 'gen')} в Excel
  лист-заверения.pdf лист заверения и опись файлов — для печати и подписи
  ПРОВЕРКА.txt       этот файл

Всего в папке ${all} файлов: ${o.listedFiles} по описи, а также ${MANIFEST_FILE} и ${SIGNATURE_FILE}.


ПРОВЕРКА В ПРОГРАММЕ «ЖУРНАЛ»

Раздел «Архив» → «Проверить папку архива»: программа пересчитает SHA-256
каждого файла, проверит подпись и назовёт первый изменённый, пропавший
или лишний файл.


ПРОВЕРКА БЕЗ ПРОГРАММЫ: LINUX

Откройте терминал в папке архива (cd ${o.packageName}) и выполните:

1. Отпечаток ключа — сравните с листом заверения:
     openssl pkey -pubin -in ${PUBLIC_KEY_FILE} -outform DER | sha256sum

2. Подпись описи (нужен OpenSSL 3):
     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}
   Должно быть напечатано: Signature Verified Successfully

3. Файл контрольных сумм должен совпасть с описью — сравните две строки:
     sha256sum ${SUMS_FILE}
     grep '"${SUMS_FILE}"' ${MANIFEST_FILE}

4. Все файлы по контрольным суммам:
     sha256sum -c --quiet ${SUMS_FILE} && echo "Все файлы целы"
   Испорченный или пропавший файл будет назван (ПОВРЕЖДЁН / FAILED).

5. Лишних файлов нет:
     find . -type f | wc -l
   Должно быть ${all}.


ПРОВЕРКА БЕЗ ПРОГРАММЫ: WINDOWS

Контрольная сумма одного файла (командная строка, в папке архива):
     certutil -hashfile ${o.database} SHA256
   и сравните с его строкой в ${SUMS_FILE} или в ${MANIFEST_FILE}
   (certutil печатает буквы хеша в другом регистре — это не важно).

Все файлы сразу (Windows PowerShell, в папке архива):
     Get-Content -Encoding UTF8 ${SUMS_FILE} | ForEach-Object {
       $h, $f = $_ -split '  ', 2
       if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -ne $h) { "НЕ СОВПАДАЕТ: $f" } }
   Ничего не напечатано — все файлы целы.

Лишних файлов нет (PowerShell): (Get-ChildItem -Recurse -File).Count — должно быть ${all}.

Подпись и отпечаток ключа — те же команды openssl, что для Linux (OpenSSL 3
входит, например, в Git для Windows: "C:\\Program Files\\Git\\usr\\bin\\openssl.exe").
Отпечаток без sha256sum:
     openssl pkey -pubin -in ${PUBLIC_KEY_FILE} -outform DER -out "%TEMP%\\key.der"
     certutil -hashfile "%TEMP%\\key.der" SHA256


macOS: вместо sha256sum — shasum -a 256 (например, shasum -a 256 -c ${SUMS_FILE});
для проверки подписи нужен OpenSSL 3 (встроенный LibreSSL не умеет Ed25519).


ЕСЛИ ПРОВЕРКА НЕ ПРОШЛА

Не исправляйте файлы архива. Возьмите копию из архива программы (хранилище
по учебным годам) или другой носитель и сделайте новую копию в разделе
«Архив» программы «Журнал».
`;
}
