import { assertDefined } from '../law/assert.ts';
import type { Complaint, ComplaintDecision, ViolationCase } from '../model/complaint.ts';
import type { Election } from '../model/election.ts';
import { Prng } from './prng.ts';

// A register for a demonstration (docs/law.md §10.3): a few complaints against precinct commissions, decided or
// waiting, and the 23 administrative cases the General Prosecutor's Office reported before the 2023 vote, mostly
// illegal campaigning, spread over the regions. Texts in Kazakh and Russian, as they would be filed.

export interface RegisterPlan {
  readonly complaints: readonly Complaint[];
  readonly decisions: readonly ComplaintDecision[];
  readonly violations: readonly ViolationCase[];
}

const SUBJECTS = [
  'Бақылаушыны санау кезінде шығарып жіберді / Наблюдателя удалили во время подсчёта',
  'Хаттаманың көшірмесі берілмеді / Не выдали копию протокола',
  'Сайлау жәшігі таңертең пломбаланбаған / Урна утром не была опломбирована',
  'Тізімде жоқ адамдар дауыс берді / Голосовали лица, которых нет в списке',
  'Учаске маңында үгіт / Агитация у участка',
  'Санау бақылаушыларға көрінбеді / Подсчёт шёл вне поля зрения наблюдателей',
];

const VOTERS = ['Айгерім Сапарқызы Әбенова', 'Нұрлан Болатұлы Серіков', 'Елена Викторовна Ким'];

export function buildRegisterPlan(election: Election, seed: number): RegisterPlan {
  const random = new Prng(seed).fork('register');
  const date = election.event.date;
  const day = Date.parse(`${date}T00:00:00Z`);
  const instant = (hours: number) => new Date(day + hours * 3_600_000).toISOString();
  const domestic = election.stations.filter((station) => station.regionId !== null);
  const party = assertDefined(election.parties[1] ?? election.parties[0]);
  const complaints = SUBJECTS.map((subject, index): Complaint => {
    const station = assertDefined(domestic[random.integer(0, domestic.length - 1)]);
    const voter = VOTERS[index % VOTERS.length] ?? '';
    return {
      id: `c-${index + 1}`,
      complainant:
        index % 3 === 1
          ? { kind: 'party', name: party.name.kk, ref: party.id }
          : { kind: 'voter', name: voter, ref: null },
      against: { commissionId: station.commissionId, stationId: station.id },
      subject,
      filedAt: instant(12 + index * 2),
    };
  });
  const stationOf = (complaint: Complaint) => assertDefined(complaint.against.stationId ?? undefined);
  const [first, second, third, fourth] = complaints.map((complaint) => complaint.id);
  const decisions: ComplaintDecision[] = [
    {
      complaintId: assertDefined(first),
      outcome: 'rejected',
      reason: 'Бейнежазба растамады / Не подтверждено видеозаписью',
      consequences: [],
    },
    {
      complaintId: assertDefined(second),
      outcome: 'upheld',
      reason: 'Көшірме берілмегені расталды / Отказ в выдаче копии подтверждён',
      consequences: [{ kind: 'referral', to: 'prosecutor' }],
    },
    {
      complaintId: assertDefined(third),
      outcome: 'upheld',
      reason: 'Қайта санау тағайындалды / Назначен пересчёт',
      consequences: [
        {
          kind: 'recount',
          stationId: stationOf(assertDefined(complaints[2])),
          contestIds: [assertDefined(election.contests.find((contest) => contest.id === 'majilis/list')).id],
        },
      ],
    },
    {
      complaintId: assertDefined(fourth),
      outcome: 'rejected',
      reason: 'Тізім тексерілді / Список проверен',
      consequences: [],
    },
  ];
  const violations = Array.from({ length: 23 }, (_, index): ViolationCase => {
    const region = assertDefined(election.regions[random.integer(0, election.regions.length - 1)]);
    const type =
      index < 17 ? 'illegal-campaigning' : index < 20 ? 'publication-of-polls' : 'campaigning-on-silence-day';
    return {
      id: `v-${index + 1}`,
      authority: 'Бас прокуратура / Генеральная прокуратура',
      article: type === 'illegal-campaigning' ? '102' : type === 'publication-of-polls' ? '120' : '102',
      type,
      regionId: region.id,
      outcome: index % 5 === 0 ? 'warning' : index % 7 === 0 ? 'dismissed' : 'fine',
      recordedAt: instant(-24 * (20 - Math.floor(index / 2))),
    };
  });
  return { complaints, decisions, violations };
}
