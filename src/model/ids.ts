import { z } from 'zod';

/**
 * Typed, readable IDs (docs/dataset.md §1.3): a StationId is never a ContestId. Each has a pattern
 * so that a mixed-up id is refused at the boundary, not deep inside a tally.
 *
 *   region       KZ-35                     (ISO 3166-2; KZ-35-2 is its second copy in a scaled country)
 *   territory    KZ-35/C01, KZ-35/D07      (city or district of regional significance)
 *   station      KZ-35/PS-0412, ABROAD/PS-9001
 *   body         majilis, KZ-35/maslikhat, KZ-35/D07/maslikhat
 *   contest      majilis/list, majilis/smd-18, KZ-35/maslikhat/list, KZ-35/maslikhat/smd-07, …
 *   option       a party id on a list contest, a candidate id on an SMD contest
 *   candidate    <contest>/c-03 (SMD), <contest>/amanat-017 (list)
 *   commission   cec, KZ-35/rec, KZ-35/D07/tec, KZ-35/PS-0412/pec, majilis/smd-18/dec
 */
const brandedId = <B extends string>(pattern: RegExp) => z.string().regex(pattern).brand<B>();

// A region of a country scaled by `generate --scale` (docs/scale.md) is a copy of a 2023 region: KZ-35-2 to KZ-35-12
// (the first copy is KZ-35 itself).
const REGION = String.raw`KZ-\d{2}(?:-(?:[2-9]|1[0-2]))?`;
// A Majilis district of a scaled country may be numbered past 99 (smd-100), never with a leading zero there.
const SMD = String.raw`smd-(?:\d{2}|[1-9]\d{2})`;
const BODY = String.raw`(majilis|${REGION}(\/[CD]\d{2})?\/maslikhat)`;
const anchored = (pattern: string): RegExp => new RegExp(`^${pattern}$`);

export const regionIdSchema = brandedId<'RegionId'>(anchored(REGION));
export const territoryIdSchema = brandedId<'TerritoryId'>(anchored(String.raw`${REGION}\/[CD]\d{2}`));
export const stationIdSchema = brandedId<'StationId'>(anchored(String.raw`(${REGION}|ABROAD)\/PS-\d{4}`));
export const bodyIdSchema = brandedId<'BodyId'>(anchored(BODY));
export const contestIdSchema = brandedId<'ContestId'>(anchored(String.raw`${BODY}\/(list|${SMD})`));
export const partyIdSchema = brandedId<'PartyId'>(/^[a-z][a-z0-9-]*$/);
export const candidateIdSchema = brandedId<'CandidateId'>(anchored(String.raw`${BODY}\/(list|${SMD})\/[a-z0-9-]+`));
export const commissionIdSchema = brandedId<'CommissionId'>(
  anchored(
    String.raw`(cec|${REGION}\/rec|${REGION}\/[CD]\d{2}\/tec|(${REGION}|ABROAD)\/PS-\d{4}\/pec|.+\/${SMD}\/dec)`,
  ),
);

export type RegionId = z.infer<typeof regionIdSchema>;
export type TerritoryId = z.infer<typeof territoryIdSchema>;
export type StationId = z.infer<typeof stationIdSchema>;
export type BodyId = z.infer<typeof bodyIdSchema>;
export type ContestId = z.infer<typeof contestIdSchema>;
export type PartyId = z.infer<typeof partyIdSchema>;
export type CandidateId = z.infer<typeof candidateIdSchema>;
export type CommissionId = z.infer<typeof commissionIdSchema>;

/** An option on a ballot: a party (list contests) or a candidate (SMD contests). */
export type OptionId = PartyId | CandidateId;
