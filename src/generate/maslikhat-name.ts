import type { Translated } from '../model/election.ts';

/**
 * A maslikhat's name from its region's or district's. Russian puts the place in the genitive:
 * "Маслихат Акмолинской области", "Маслихат области Абай", "Маслихат города Семей".
 */
export function maslikhatName(name: Translated): Translated {
  return { kk: `${name.kk} мәслихаты`, ru: `Маслихат ${russianGenitive(name.ru)}`, en: `${name.en} maslikhat` };
}

/** The genitive of the kinds of place names Kazakhstan's units have: "область X", "город X", "Xский район". */
export function russianGenitive(place: string): string {
  const words = place.split(' ');
  const genitive = words.map((word, index) => {
    if (word === 'область') return 'области';
    if (word === 'район') return 'района';
    if (word === 'город') return 'города';
    // An adjective before its noun ("Акмолинская область", "Абайский район", "город Приозёрский" stays).
    const next = words[index + 1];
    if (next === 'область' && word.endsWith('ая')) return `${word.slice(0, -2)}ой`;
    if (next === 'район' && /[иы]й$/.test(word)) return `${word.slice(0, -2)}ого`;
    return word;
  });
  return genitive.join(' ');
}
