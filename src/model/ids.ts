import { z } from 'zod';

/**
 * Typed, readable IDs (docs/dataset.md §1.3): a StationId is never a ContestId. Each has a pattern
 * so that a mixed-up id is refused at the boundary, not deep inside a tally.
 *
 *   region       KZ-35                     (ISO 3166-2)
 *   territory    KZ-35/C01, KZ-35/D07      (city or district of regional significance)
 *   station      KZ-35/PS-0412, ABROAD/PS-9001
 *   body         majilis, KZ-35/maslikhat, KZ-35/D07/maslikhat
 *   contest      majilis/list, majilis/smd-18, KZ-35/maslikhat/list, KZ-35/maslikhat/smd-07, …
 *   option       a party id on a list contest, a candidate id on an SMD contest
 *   candidate    <contest>/c-03 (SMD), <contest>/amanat-017 (list)
 *   commission   cec, KZ-35/rec, KZ-35/D07/tec, KZ-35/PS-0412/pec, majilis/smd-18/dec
 */
const brandedId = <B extends string>(pattern: RegExp) => z.string().regex(pattern).brand<B>();

export const regionIdSchema = brandedId<'RegionId'>(/^KZ-\d{2}$/);
export const territoryIdSchema = brandedId<'TerritoryId'>(/^KZ-\d{2}\/[CD]\d{2}$/);
export const stationIdSchema = brandedId<'StationId'>(/^(KZ-\d{2}|ABROAD)\/PS-\d{4}$/);
export const bodyIdSchema = brandedId<'BodyId'>(/^(majilis|KZ-\d{2}(\/[CD]\d{2})?\/maslikhat)$/);
export const contestIdSchema = brandedId<'ContestId'>(
  /^(majilis|KZ-\d{2}(\/[CD]\d{2})?\/maslikhat)\/(list|smd-\d{2})$/,
);
export const partyIdSchema = brandedId<'PartyId'>(/^[a-z][a-z0-9-]*$/);
export const candidateIdSchema = brandedId<'CandidateId'>(
  /^(majilis|KZ-\d{2}(\/[CD]\d{2})?\/maslikhat)\/(list|smd-\d{2})\/[a-z0-9-]+$/,
);
export const commissionIdSchema = brandedId<'CommissionId'>(
  /^(cec|KZ-\d{2}\/rec|KZ-\d{2}\/[CD]\d{2}\/tec|(KZ-\d{2}|ABROAD)\/PS-\d{4}\/pec|.+\/smd-\d{2}\/dec)$/,
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
