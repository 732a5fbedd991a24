import { type Answer, get } from '../api.ts';
import { holderName } from '../common.ts';
import { h } from '../dom.ts';
import { formatTime, nameOf, t, type TextKey } from '../i18n.ts';
import type { Overview, StationPage } from '../types.ts';
import { witnessesBlock } from './witnesses.ts';

type JournalEvent = Answer<'/api/journal'>['events'][number];
interface RegisteredKey {
  readonly fingerprint: string;
  readonly holder: string;
  readonly role: string;
}

/** Events listed: the latest ones; the whole journal is in the verifiable bundle. */
const EVENTS = 100;

/** What a payload may name, whatever its type (src/journal/events.ts). */
interface Mentions {
  readonly protocol?: { readonly stationId?: string; readonly contestId?: string };
  /** A turnout report's station and hour (docs/law.md §10.1). */
  readonly report?: { readonly stationId?: string; readonly hour?: string };
  readonly nomination?: { readonly contestId?: string; readonly nominatedBy?: string | null };
  /** An observer's accreditation and protocol copy (docs/law.md §10.2): the organisation, never the person's name. */
  readonly accreditation?: { readonly id?: string; readonly organisation?: string };
  readonly copy?: { readonly accreditation?: string; readonly protocol?: { stationId?: string; contestId?: string } };
  readonly sample?: { readonly accreditation?: string; readonly contestId?: string };
  readonly contestId?: string;
  readonly bodyId?: string;
  readonly partyId?: string;
  readonly holder?: string;
  readonly role?: string;
  /** A witness's or the log's key (note format `name+id+key`), the witness's organisation, why it was deregistered. */
  readonly verifierKey?: string;
  readonly organisation?: string;
  readonly reason?: string;
}

const mentionsOf = (event: JournalEvent): Mentions =>
  typeof event.payload === 'object' && event.payload !== null ? event.payload : {};

/** The key's holder as a person reads it: the CEC in words, anyone else by their role and login. */
function person(key: RegisteredKey | undefined): (Node | string)[] {
  if (key === undefined) return [t('journalUnknownKey')];
  if (key.role === 'central-commission') return [t('journalRole.central-commission')];
  return [`${roleName(key.role)} `, h('span', { class: 'username', translate: 'no' }, key.holder)];
}

function roleName(role: string): string {
  return t(`journalRole.${role}` as TextKey);
}

/** The journal for anyone logged in: the latest events, newest first, with what each concerns and who signed it. */
export async function journalView(overview: Overview): Promise<HTMLElement> {
  const head = await get<Answer<'/api/journal'>>('/api/journal?limit=1', { auth: true });
  const [page, keys] = await Promise.all([
    get<Answer<'/api/journal'>>(`/api/journal?after=${Math.max(0, head.head.seq - EVENTS)}&limit=${EVENTS}`, {
      auth: true,
    }),
    get<{ keys: RegisteredKey[] }>('/api/keys', { auth: true }),
  ]);
  const keyOf = new Map(keys.keys.map((key) => [key.fingerprint, key]));
  const contestNames = await contestNamesFor(page.events);

  const contestName = (id: string): string => contestNames.get(id) ?? id;
  const concerns = (event: JournalEvent): (Node | string)[] => {
    const mentions = mentionsOf(event);
    const stationId = mentions.protocol?.stationId ?? mentions.report?.stationId ?? mentions.copy?.protocol?.stationId;
    // An irregularity's station is its report's, as a turnout report's; a sample names its contest.
    const contestId =
      mentions.protocol?.contestId ??
      mentions.copy?.protocol?.contestId ??
      mentions.sample?.contestId ??
      mentions.nomination?.contestId ??
      mentions.contestId;
    const parts: (Node | string)[] = [];
    if (stationId !== undefined)
      parts.push(h('a', { href: `#/station/${stationId}` }, t('journalStation', { station: stationId })), ', ');
    if (contestId !== undefined) parts.push(contestName(contestId));
    if (mentions.report?.hour !== undefined) parts.push(t('journalTurnoutHour', { hour: mentions.report.hour }));
    if (mentions.accreditation?.organisation !== undefined) parts.push(mentions.accreditation.organisation);
    if (mentions.copy?.accreditation !== undefined)
      parts.push(', ', h('span', { class: 'username', translate: 'no' }, mentions.copy.accreditation));
    const body = overview.bodies.find((candidate) => candidate.id === mentions.bodyId);
    if (body !== undefined) parts.push(nameOf(body.name));
    if (mentions.partyId !== undefined) parts.push(`, ${holderName(overview, mentions.partyId)}`);
    if (event.type === 'election-defined') parts.push(nameOf(overview.event.name));
    if (mentions.holder !== undefined && mentions.role !== undefined)
      parts.push(...person({ fingerprint: '', holder: mentions.holder, role: mentions.role }));
    else if (mentions.holder !== undefined)
      parts.push(h('span', { class: 'username', translate: 'no' }, mentions.holder));
    if (mentions.verifierKey !== undefined) {
      if (mentions.organisation !== undefined) parts.push(`${mentions.organisation}, `);
      parts.push(h('span', { class: 'username', translate: 'no' }, mentions.verifierKey.split('+')[0] ?? ''));
      // The CEC's own words, in the language it wrote them.
      if (event.type === 'witness-deregistered' && mentions.reason !== undefined) parts.push(` — ${mentions.reason}`);
    }
    return parts.at(-1) === ', ' ? parts.slice(0, -1) : parts;
  };

  return h(
    'div',
    { class: 'page journal' },
    h('h1', {}, t('journal')),
    h('p', {}, t('journalHelp')),
    await witnessesBlock(),
    h(
      'table',
      { class: 'results cards-on-phone' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, '№'),
          h('th', { scope: 'col' }, t('event')),
          h('th', { scope: 'col' }, t('journalConcerns')),
          h('th', { scope: 'col' }, t('actor')),
          h('th', { scope: 'col' }, t('time')),
        ),
      ),
      h(
        'tbody',
        {},
        [...page.events]
          .reverse()
          .map((event) =>
            h(
              'tr',
              { 'data-seq': event.seq, 'data-type': event.type },
              h('td', { class: 'num', 'data-label': '№' }, String(event.seq)),
              h('td', { 'data-label': t('event') }, t(`journalEvent.${event.type}` as TextKey)),
              h('td', { class: 'journal-concerns', 'data-label': t('journalConcerns') }, concerns(event)),
              h('td', { class: 'journal-actor', 'data-label': t('actor') }, person(keyOf.get(event.actor))),
              h('td', { 'data-label': t('time') }, h('time', { datetime: event.at }, formatTime(new Date(event.at)))),
            ),
          ),
      ),
    ),
  );
}

/**
 * Contest names for the events listed: a protocol's from its station's page (which names all its
 * contests), any other contest's from its own page. Each page is asked for once.
 */
async function contestNamesFor(events: readonly JournalEvent[]): Promise<Map<string, string>> {
  const stations = new Set<string>();
  const contests = new Set<string>();
  for (const event of events) {
    const mentions = mentionsOf(event);
    if (mentions.protocol?.stationId !== undefined) stations.add(mentions.protocol.stationId);
    else {
      const contestId =
        mentions.nomination?.contestId ??
        mentions.copy?.protocol?.contestId ??
        mentions.sample?.contestId ??
        mentions.contestId;
      if (contestId !== undefined) contests.add(contestId);
    }
  }
  const names = new Map<string, string>();
  const stationPages = await Promise.all(
    [...stations].map((id) => get<StationPage>(`/api/site/stations/${id}`).catch(() => null)),
  );
  for (const page of stationPages)
    for (const { contest } of page?.contests ?? []) names.set(contest.id, nameOf(contest.name));
  const contestPages = await Promise.all(
    [...contests]
      .filter((id) => !names.has(id))
      .map((id) => get<Answer<'/api/site/contests/{id}'>>(`/api/site/contests/${id}`).catch(() => null)),
  );
  for (const page of contestPages) if (page !== null) names.set(page.contest.id, nameOf(page.contest.name));
  return names;
}
