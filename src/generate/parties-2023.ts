import type { Party } from '../model/election.ts';
import type { PartyId } from '../model/ids.ts';

/**
 * The seven parties of 2023 in ballot order (docs/dataset.md §4.4). The CEC did not publish the
 * order in which it registered the lists, so registration order is taken to be the ballot order,
 * and said so.
 */
export const PARTIES_2023: readonly Party[] = [
  { id: 'amanat', name: { kk: '«AMANAT» партиясы', ru: 'партия «AMANAT»', en: 'Amanat' }, colour: '#1d5fa6' },
  {
    id: 'auyl',
    name: {
      kk: '«Ауыл» халықтық-демократиялық патриоттық партиясы',
      ru: 'Народно-демократическая патриотическая партия «Ауыл»',
      en: "Auyl People's Democratic Patriotic Party",
    },
    colour: '#8a6d3b',
  },
  {
    id: 'respublica',
    name: { kk: '«Respublica» партиясы', ru: 'партия «Respublica»', en: 'Respublica' },
    colour: '#e5821e',
  },
  {
    id: 'qhp',
    name: { kk: 'Қазақстан Халық партиясы', ru: 'Народная партия Казахстана', en: "People's Party of Kazakhstan" },
    colour: '#c62828',
  },
  {
    id: 'baitaq',
    name: { kk: '«Байтақ» жасылдар партиясы', ru: 'Партия зелёных «Байтак»', en: 'Baitaq Green Party' },
    colour: '#43a047',
  },
  {
    id: 'ak-zhol',
    name: {
      kk: '«Ақ жол» Қазақстанның демократиялық партиясы',
      ru: 'Демократическая партия Казахстана «Ак жол»',
      en: 'Ak Zhol Democratic Party of Kazakhstan',
    },
    colour: '#29b6f6',
  },
  {
    id: 'osdp',
    name: {
      kk: 'Жалпыұлттық социал-демократиялық партия',
      ru: 'Общенациональная социал-демократическая партия',
      en: 'National Social Democratic Party',
    },
    colour: '#ad1457',
  },
].map((party, index) => ({ ...party, id: party.id as PartyId, registrationOrder: index + 1, ballotOrder: index + 1 }));

/** Majilis list lengths of 2023 (docs/dataset.md §4.2): 281 candidates in all. */
export const MAJILIS_LIST_LENGTHS: Readonly<Record<string, number>> = {
  amanat: 90,
  'ak-zhol': 54,
  qhp: 52,
  auyl: 25,
  respublica: 23,
  osdp: 19,
  baitaq: 18,
};
