import { z } from 'zod';
import { codedIssue } from './input-error.ts';

/**
 * The characters a person's name may hold when a commission receives a nomination
 * (docs/registration.md, "Names"): letters of any script with their combining marks, single
 * spaces, hyphens, apostrophes and full stops (for initials), beginning with a letter and at most
 * 120 characters. Kazakh, Russian and Latin spellings of every name in the 2023 lists fit; digits,
 * brackets, quotes, control and bidirectional-override characters do not, so a name can neither
 * pose as a spreadsheet formula (=, +, -, @) nor reorder the text around it on a ballot.
 */
// Words of letters joined by separators, each alternative starting with a different kind of
// character, so that no text can be matched in two ways: no backtracking blow-up (ʼ is a letter).
const PERSON_NAME = /^\p{L}\p{M}*(?:[ \-'’.]*\p{L}\p{M}*)*\.?$/u;
const MAX_NAME_LENGTH = 120;

export function isPersonName(text: string): boolean {
  return [...text].length <= MAX_NAME_LENGTH && PERSON_NAME.test(text) && !/ {2}/.test(text);
}

export const personNameSchema = z.string().superRefine((value, ctx) => {
  if (!isPersonName(value))
    ctx.addIssue(
      codedIssue('INPUT_INVALID_NAME', [], { value: JSON.stringify(value).slice(0, 80), max: MAX_NAME_LENGTH }),
    );
});

/**
 * Who nominated a candidate: a party's id, or a public association's name as it is registered.
 * Names of associations hold quotes, digits and punctuation («Ел үміті» 2020), so only what can do
 * harm is refused: control and format characters (bidirectional overrides among them) and a first
 * character that is not a letter, a digit or an opening quote.
 */
const NOMINATOR = /^[\p{L}\p{N}«"„“'][^\p{Cc}\p{Cf}]{0,299}$/u;

export const nominatorSchema = z.string().superRefine((value, ctx) => {
  if (!NOMINATOR.test(value))
    ctx.addIssue(codedIssue('INPUT_INVALID_NOMINATOR', [], { value: JSON.stringify(value).slice(0, 80) }));
});
