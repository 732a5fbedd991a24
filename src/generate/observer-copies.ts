import { assertDefined } from '../law/assert.ts';
import type { Election } from '../model/election.ts';
import type { Accreditation, CopySample, Irregularity, ProtocolCopy } from '../model/observer.ts';
import { drawSample } from '../tally/copy-sample.ts';
import { createHash } from 'node:crypto';
import type { Protocol } from '../model/protocol.ts';
import { Prng } from './prng.ts';

// Observers for a demonstration (docs/law.md §10.2): a few organisations, each accredited by the commission entitled
// to, with copies of the Majilis party-list protocols of a share of their stations. Most copies are the official
// figures; about one in twenty is not — votes moved from one list to the invalid ballots, as a miscount or an altered
// protocol would — so that the discrepancy list has something to show. The keys are the caller's to make.

/** An organisation's accreditation (its key still to fill in), who signs it, and the copies its observer enters. */
export interface ObserverPlan {
  readonly accreditation: Omit<Accreditation, 'key'>;
  /** The commission whose key accredits: 'cec', or a regional commission for its region. */
  readonly accreditor: string;
  readonly copies: readonly ProtocolCopy[];
  /** A sample for a parallel vote tabulation, drawn before the count; the plan's copies are of its stations. */
  readonly sample?: CopySample;
  /** What the observer reports of stations where they watched. */
  readonly irregularities: readonly Irregularity[];
}

/** Reports an observer might make, in their words (Kazakh and Russian, as observers write). */
const REPORTS: readonly { category: Irregularity['category']; text: string; minutes: number }[] = [
  {
    category: 'campaigning-near-station',
    text: 'Учаске кіреберісінде партия парақшалары таратылды / У входа раздавали листовки партии',
    minutes: 9 * 60 + 40,
  },
  {
    category: 'protocol-copy-refused',
    text: 'Хаттаманың көшірмесін бірден бермеді, бір сағаттан кейін берді / Копию протокола выдали только через час',
    minutes: 22 * 60 + 15,
  },
  {
    category: 'observer-denied-access',
    text: 'Санау кезінде бақылаушыны үстелге жақындатпады / Наблюдателя не подпустили к столу при подсчёте',
    minutes: 20 * 60 + 30,
  },
];

/** The share of copies that differ from the official protocol. */
const DIFFERING = 0.05;
const LIST = 'majilis/list';

/**
 * The plans for an election and its official protocols, the same for the same seed. `until` is the last day of the
 * accreditations' term: the day of the vote, or later for a demonstration that replays a past election today.
 */
export function buildObserverPlans(
  election: Election,
  protocols: readonly Protocol[],
  { seed, until = election.event.date }: { seed: number; until?: string },
): ObserverPlan[] {
  const random = new Prng(seed).fork('observer-copies');
  const official = new Map(protocols.filter((p) => p.contestId === LIST).map((p) => [p.stationId as string, p]));
  const date = election.event.date;
  const region = assertDefined(election.regions[0]);
  const regionalCommission = election.stations.find((station) => station.regionId === region.id)?.commissionId;
  const regionCommission = regionalCommission === undefined ? 'cec' : topBelowCec(election, regionalCommission);
  const party = assertDefined(election.parties[0]);
  const inRegion = new Set(
    election.stations.filter((station) => station.regionId === region.id).map((station) => station.id as string),
  );
  const copiesOf = (id: string, share: number, where: (stationId: string) => boolean): ProtocolCopy[] =>
    [...official.values()]
      .filter((protocol) => where(protocol.stationId) && random.next() < share)
      .map((protocol) => copyOf(id, protocol, random));
  const term = { from: date, until };
  const partyAccreditation = `${party.id}-${region.id.toLowerCase()}`;
  const cleanVoteSample: CopySample = {
    accreditation: 'clean-vote',
    contestId: LIST as CopySample['contestId'],
    seed: createHash('sha256').update(`clean-vote sample ${seed}`).digest('hex'),
    size: 300,
  };
  const sampled = new Set(drawSample([...official.keys()], cleanVoteSample));
  const partyCopies = copiesOf(partyAccreditation, 0.2, (stationId) => inRegion.has(stationId));
  return [
    {
      accreditation: {
        id: 'clean-vote',
        person: 'Айгерім Сапарқызы Әбенова',
        organisation: 'Таза сайлау / Clean Vote',
        sender: 'public-association',
        senderId: null,
        scope: { kind: 'country' },
        ...term,
      },
      accreditor: 'cec',
      // A parallel vote tabulation: 300 stations drawn from a seed, a copy from each.
      sample: cleanVoteSample,
      copies: [...official.values()]
        .filter((protocol) => sampled.has(protocol.stationId))
        .map((protocol) => copyOf('clean-vote', protocol, random)),
      irregularities: [],
    },
    {
      accreditation: {
        id: partyAccreditation,
        person: 'Ерлан Болатұлы Жақсылықов',
        organisation: party.name.kk,
        sender: 'party',
        senderId: party.id,
        scope: { kind: 'region', regionId: region.id },
        ...term,
      },
      accreditor: regionCommission,
      copies: partyCopies,
      // A few reports from stations the party's observer watched; times local to Astana (UTC+6).
      irregularities: REPORTS.flatMap(({ category, text, minutes }, index) => {
        const stationId = partyCopies[index * 7]?.protocol.stationId;
        if (stationId === undefined) return [];
        const observedAt = new Date(Date.parse(`${date}T00:00:00Z`) + (minutes - 6 * 60) * 60_000).toISOString();
        return [{ accreditation: partyAccreditation, stationId, category, observedAt, text }];
      }),
    },
  ];
}

/** The commission just below the CEC above a precinct commission: the region's. */
function topBelowCec(election: Election, commissionId: string): string {
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  let id = commissionId;
  for (
    let parent = parents.get(id);
    parent !== null && parent !== undefined && parent !== 'cec';
    parent = parents.get(id)
  )
    id = parent;
  return id;
}

function copyOf(accreditation: string, protocol: Protocol, random: Prng): ProtocolCopy {
  const { stationId, contestId, lines, votes } = protocol;
  const copy: ProtocolCopy = {
    accreditation,
    protocol: { stationId, contestId, lines: { ...lines }, votes: { ...votes } },
  };
  if (random.next() >= DIFFERING) return copy;
  // Votes of the list with the most moved to the invalid ballots on the copy: both sides of the form still add up.
  const [leader, leading] = Object.entries(votes).reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const moved = Math.min(leading, random.integer(1, 15));
  return {
    accreditation,
    protocol: {
      ...copy.protocol,
      lines: { ...copy.protocol.lines, invalid: lines.invalid + moved },
      votes: { ...copy.protocol.votes, [leader]: leading - moved },
    },
  };
}
