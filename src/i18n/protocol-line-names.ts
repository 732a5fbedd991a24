import type { ProtocolLine } from '../model/protocol-lines.ts';
import type { Language } from './language.ts';

/**
 * The lines of the precinct protocol as the paper form names them, for what the CLI and the server
 * print (the demo's paper protocol). The site has the same names in web/src/i18n.ts.
 */
export const PROTOCOL_LINE_NAMES: Readonly<Record<ProtocolLine, Readonly<Record<Language, string>>>> = {
  votersOnList: { kk: 'Тізімдегі сайлаушылар саны', ru: 'Число избирателей в списке', en: 'Voters on the list' },
  ballotsReceived: { kk: 'Алынған бюллетеньдер', ru: 'Получено бюллетеней', en: 'Ballots received' },
  issuedInPremises: { kk: 'Үй-жайда берілген бюллетеньдер', ru: 'Выдано в помещении', en: 'Issued in the premises' },
  issuedOutside: {
    kk: 'Үй-жайдан тыс берілген бюллетеньдер',
    ru: 'Выдано вне помещения',
    en: 'Issued outside the premises',
  },
  absentee: { kk: 'Сырттай дауыс беру куәліктері', ru: 'Открепительные удостоверения', en: 'Absentee certificates' },
  cancelled: { kk: 'Жойылған бюллетеньдер', ru: 'Погашено бюллетеней', en: 'Ballots cancelled' },
  foundStationary: {
    kk: 'Тұрақты жәшіктердегі бюллетеньдер',
    ru: 'В стационарных ящиках',
    en: 'Found in stationary boxes',
  },
  foundMobile: { kk: 'Көшпелі жәшіктердегі бюллетеньдер', ru: 'В переносных ящиках', en: 'Found in mobile boxes' },
  invalid: { kk: 'Жарамсыз бюллетеньдер', ru: 'Недействительные бюллетени', en: 'Invalid ballots' },
  againstAll: { kk: '«Барлығына қарсы» дауыстар', ru: 'Голоса «против всех»', en: 'Votes "against all"' },
  lost: { kk: 'Жоғалған бюллетеньдер', ru: 'Утраченные бюллетени', en: 'Ballots lost' },
  unaccounted: {
    kk: 'Есепке алынбаған бюллетеньдер',
    ru: 'Не учтённые при получении',
    en: 'Ballots not accounted for on receipt',
  },
};
