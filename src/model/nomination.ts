import { z } from 'zod';
import { isLocalDateTime } from '../law/registration-rules.ts';
import { candidateIdSchema, contestIdSchema, partyIdSchema } from './ids.ts';
import { codedIssue } from './input-error.ts';
import { countSchema } from './numbers.ts';
import { nominatorSchema, personNameSchema } from './person-name.ts';
import { isoDateSchema } from './election.ts';

/** `YYYY-MM-DDTHH:MM` in the receiving commission's local time (src/law/registration-rules.ts). */
export const localDateTimeSchema = z.string().superRefine((value, ctx) => {
  if (!isLocalDateTime(value)) ctx.addIssue(codedIssue('INPUT_INVALID_DATE', [], { value }));
});

/**
 * What a candidate's file tells the commission (docs/registration.md, A nomination): who the person
 * is, the facts that decide eligibility and the quota, the deposit paid and the documents handed
 * in.
 */
export const candidateDossierSchema = z.object({
  id: candidateIdSchema,
  /** The person, whatever the candidacy: the individual identification number (ЖСН / ИИН). */
  personId: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z/._-]{0,119}$/),
  name: z.object({ kk: personNameSchema, ru: personNameSchema, latin: personNameSchema }),
  birthDate: isoDateSchema,
  gender: z.enum(['female', 'male']),
  disability: z.boolean(),
  citizen: z.boolean(),
  /** Years of residence in Kazakhstan immediately before the election. */
  residenceYears: countSchema,
  residesInRegion: z.boolean(),
  criminalRecord: z.boolean(),
  corruptionOffence: z.boolean(),
  legallyIncapable: z.boolean(),
  partyMember: partyIdSchema.nullable(),
  /** Tenge paid as the electoral deposit. */
  depositPaid: countSchema,
  /** The documents handed in: `consent`, `declaration`, `nominating-decision`, … */
  documents: z.array(z.string().min(1)),
});

/**
 * One nomination as the commission receives it: a party's list for a list contest, or one
 * candidate for a single-member district, nominated by a party, a public association or themself.
 */
export const nominationSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,120}$/),
    contestId: contestIdSchema,
    nomination: z.enum(['list', 'party', 'public-association', 'self-nominated']),
    /** The party (list and party nominations) or the association's name; null when self-nominated. */
    nominatedBy: nominatorSchema.nullable(),
    submittedAt: localDateTimeSchema,
    candidates: z.array(candidateDossierSchema).min(1),
  })
  .superRefine((nomination, ctx) => {
    const needsNominator = nomination.nomination !== 'self-nominated';
    if (needsNominator !== (nomination.nominatedBy !== null))
      ctx.addIssue(
        codedIssue('INPUT_INVALID_VALUE', ['nominatedBy'], {
          expected: needsNominator ? 'the nominating party or association' : 'null',
        }),
      );
    if (nomination.nomination !== 'list' && nomination.candidates.length !== 1)
      ctx.addIssue(codedIssue('INPUT_INVALID_VALUE', ['candidates'], { expected: 'one candidate' }));
  });

export const withdrawalSchema = z.object({
  candidateId: candidateIdSchema,
  /** Withdrawn by the candidate or nominator, deregistered by the commission, or deceased. */
  kind: z.enum(['withdrawn', 'deregistered', 'died']),
  at: localDateTimeSchema,
  reason: z.string().min(1).max(2000),
});

export const deputiesChoiceSchema = z.object({
  bodyId: z.string().min(1),
  partyId: partyIdSchema,
  chosen: z.array(candidateIdSchema),
});

export const vacancySchema = z.object({
  bodyId: z.string().min(1),
  candidateId: candidateIdSchema,
  reason: z.string().min(1).max(2000),
});

export type CandidateDossier = z.infer<typeof candidateDossierSchema>;
export type Nomination = z.infer<typeof nominationSchema>;
export type Withdrawal = z.infer<typeof withdrawalSchema>;
export type DeputiesChoice = z.infer<typeof deputiesChoiceSchema>;
export type Vacancy = z.infer<typeof vacancySchema>;

/** `--calendar FILE`: other deadlines than 2023's, e.g. for a postponed district's new election. */
export const calendarSchema = z.object({
  nominationOpens: localDateTimeSchema,
  nominationCloses: localDateTimeSchema,
  registrationCloses: localDateTimeSchema,
  withdrawalCloses: localDateTimeSchema,
});
