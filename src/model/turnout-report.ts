import { z } from 'zod';
import { stationIdSchema } from './ids.ts';
import { countSchema } from './numbers.ts';

/**
 * The hours at which a station's commission reports how many voters have received a ballot so far, in the station's
 * own local time (docs/law.md §10.1): the CEC's bulletins of 10, 12, 14, 16 and 18 o'clock, and the close at 20:00.
 */
export const TURNOUT_HOURS = ['10:00', '12:00', '14:00', '16:00', '18:00', '20:00'] as const;
export type TurnoutHour = (typeof TURNOUT_HOURS)[number];
/** The hour polls close: its report is the day's last, and the protocol's lines 3 + 4 must agree with it. */
export const CLOSING_HOUR: TurnoutHour = '20:00';

/**
 * One station's report at one hour. The list moves during the day (voters added by a certificate of absentee voting,
 * by court decision), so each report carries its own list; `received` counts every voter who has received a Majilis
 * party-list ballot since polls opened, as the protocol's lines 3 + 4 will at the close (docs/law.md §10.1).
 */
export const turnoutReportSchema = z.strictObject({
  stationId: stationIdSchema,
  hour: z.enum(TURNOUT_HOURS),
  votersOnList: countSchema,
  received: countSchema,
});
export type TurnoutReport = z.infer<typeof turnoutReportSchema>;

/** The position of an hour in the day: reports are compared in this order. */
export function hourIndex(hour: TurnoutHour): number {
  return TURNOUT_HOURS.indexOf(hour);
}
