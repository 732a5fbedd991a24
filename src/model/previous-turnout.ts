import { z } from 'zod';
import { isoDateSchema } from './election.ts';
import { TURNOUT_HOURS } from './turnout-report.ts';

/**
 * A previous election's turnout through its day, to draw beside this one's (docs/site.md, "Turnout through the
 * day"): its date and the national share at each hour, in percent, as its commission published them — the format of
 * `data/turnout-2023-hourly.json`, whose other fields (regions, sources) are read by the tests, not here.
 */
export const previousTurnoutFileSchema = z.object({
  date: isoDateSchema,
  national: z.record(z.string(), z.object({ percent: z.number().min(0).max(100) })),
});

export interface PreviousTurnout {
  readonly date: string;
  readonly national: readonly { readonly hour: (typeof TURNOUT_HOURS)[number]; readonly percent: number }[];
}

/** The hours of the day the file gives a share for, in the day's order; other keys (`final`) are left out. */
export function previousTurnoutOf(file: z.infer<typeof previousTurnoutFileSchema>): PreviousTurnout {
  return {
    date: file.date,
    national: TURNOUT_HOURS.flatMap((hour) => {
      const at = file.national[hour];
      return at === undefined ? [] : [{ hour, percent: at.percent }];
    }),
  };
}
