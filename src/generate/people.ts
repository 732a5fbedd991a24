import type { Prng } from './prng.ts';

interface Given {
  readonly first: string;
  readonly firstLatin: string;
}
interface Surname {
  readonly male: string;
  readonly female: string;
  readonly latinMale: string;
  readonly latinFemale: string;
}

/** The shape of data/names.json. */
export interface NameLists {
  readonly kazakh: {
    readonly male: readonly Given[];
    readonly female: readonly Given[];
    readonly surnames: readonly Surname[];
    readonly patronymicRoots: readonly { readonly root: string; readonly latin: string }[];
  };
  readonly russian: {
    readonly male: readonly Given[];
    readonly female: readonly Given[];
    readonly surnames: readonly Surname[];
    readonly patronymics: readonly {
      readonly male: string;
      readonly female: string;
      readonly latin: string;
      readonly latinFemale: string;
    }[];
  };
}

export interface Person {
  readonly name: { readonly kk: string; readonly ru: string; readonly latin: string };
  readonly gender: 'female' | 'male';
  readonly birthDate: string;
}

/**
 * A synthetic person: a Kazakh or Russian name (Kazakh patronymics with -ұлы / -қызы, written
 * -улы / -кызы in Russian documents), a gender and a birth date between the given years.
 */
export function makePerson(
  random: Prng,
  names: NameLists,
  options: {
    readonly russianShare: number;
    readonly femaleShare: number;
    readonly bornFrom: number;
    readonly bornTo: number;
  },
): Person {
  const gender = random.chance(options.femaleShare) ? 'female' : 'male';
  const year = random.integer(options.bornFrom, options.bornTo);
  const month = random.integer(1, 12);
  const day = random.integer(1, 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (random.chance(options.russianShare)) {
    const first = random.pick(names.russian[gender]);
    const surname = random.pick(names.russian.surnames);
    const patronymic = random.pick(names.russian.patronymics);
    const family = gender === 'female' ? surname.female : surname.male;
    const middle = gender === 'female' ? patronymic.female : patronymic.male;
    const latin = `${gender === 'female' ? surname.latinFemale : surname.latinMale} ${first.firstLatin} ${gender === 'female' ? patronymic.latinFemale : patronymic.latin}`;
    const full = `${family} ${first.first} ${middle}`;
    return { name: { kk: full, ru: full, latin }, gender, birthDate };
  }
  const first = random.pick(names.kazakh[gender]);
  const surname = random.pick(names.kazakh.surnames);
  const father = random.pick(names.kazakh.patronymicRoots);
  const family = gender === 'female' ? surname.female : surname.male;
  const kk = `${family} ${first.first} ${father.root}${gender === 'female' ? 'қызы' : 'ұлы'}`;
  const ru = `${toRussianSpelling(family)} ${toRussianSpelling(first.first)} ${toRussianSpelling(father.root)}${gender === 'female' ? 'кызы' : 'улы'}`;
  const latin = `${gender === 'female' ? surname.latinFemale : surname.latinMale} ${first.firstLatin} ${father.latin}${gender === 'female' ? 'kyzy' : 'uly'}`;
  return { name: { kk, ru, latin }, gender, birthDate };
}

const KAZAKH_TO_RUSSIAN: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  Ә: 'А',
  Ғ: 'Г',
  Қ: 'К',
  Ң: 'Н',
  Ө: 'О',
  Ұ: 'У',
  Ү: 'У',
  Һ: 'Х',
  І: 'И',
};

/** Russian documents write Kazakh names without the Kazakh letters. */
export function toRussianSpelling(text: string): string {
  return [...text].map((letter) => KAZAKH_TO_RUSSIAN[letter] ?? letter).join('');
}
