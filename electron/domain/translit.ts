// Cyrillic to Latin for logins and e-mail addresses: «Ёлкина-Смирнова» → `elkina-smirnova`. Latin only, so
// any keyboard can type the result.

// The older passport style (й → y, ю → yu, я → ya, х → kh), lower case; ъ and ь are dropped.
const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  '-': '-',
};

/** Lower-case transliteration; anything but Latin letters, digits and inner hyphens is dropped. */
export function translit(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += LATIN[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  return out.replace(/^-+|-+$/g, '');
}
