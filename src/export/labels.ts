import type { Translated } from '../model/election.ts';

/** Names the election definition does not hold, for units and selections the exports add. */
export const ABROAD_NAME: Translated = {
  kk: 'Шетелдегі сайлау учаскелері',
  ru: 'Избирательные участки за рубежом',
  en: 'Polling stations abroad',
};
export const AGAINST_ALL_NAME: Translated = { kk: 'Барлығына қарсы', ru: 'Против всех', en: 'Against all' };
export const COUNTRY_NAME: Translated = {
  kk: 'Қазақстан Республикасы',
  ru: 'Республика Казахстан',
  en: 'Republic of Kazakhstan',
};
