import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maslikhatName, russianGenitive } from './maslikhat-name.ts';
import type { KzData } from './kz-data.ts';

describe("a maslikhat's name", () => {
  it('puts the place in the Russian genitive, as "Маслихат области Абай"', () => {
    expect(maslikhatName({ kk: 'Абай облысы', ru: 'область Абай', en: 'Abai Region' })).toEqual({
      kk: 'Абай облысы мәслихаты',
      ru: 'Маслихат области Абай',
      en: 'Abai Region maslikhat',
    });
    expect(russianGenitive('Акмолинская область')).toBe('Акмолинской области');
    expect(russianGenitive('Западно-Казахстанская область')).toBe('Западно-Казахстанской области');
    expect(russianGenitive('Абайский район')).toBe('Абайского района');
    expect(russianGenitive('город Семей')).toBe('города Семей');
    expect(russianGenitive('район Биржан сал')).toBe('района Биржан сал');
  });

  it('leaves no nominative "область" or "район" in any of the 2023 names', () => {
    const data = JSON.parse(readFileSync(new URL('../../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
    const places = data.regions.flatMap((region) => [region.name, ...region.localMaslikhats.map((m) => m.name)]);
    for (const place of places) {
      const ru = maslikhatName(place).ru;
      expect(ru, place.ru).toMatch(/^Маслихат /);
      expect(ru, place.ru).not.toMatch(/(^|\s)(область|район|город)(\s|$)/);
    }
  });
});
