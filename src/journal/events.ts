import type { Protocol } from '../model/protocol.ts';
import type { RegistrationPayload } from '../registration/registry.ts';

export type KeyRole = 'central-commission' | 'commission' | 'user' | PersonRole;

/** What a person's account may be (docs/server.md, Accounts and roles); operators and chairs act for one commission. */
export const PERSON_ROLES = ['administrator', 'chair', 'operator', 'observer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The kinds of journal event so far, with their payloads. */
export type JournalPayload =
  | {
      readonly type: 'key-registered';
      readonly holder: string;
      readonly role: KeyRole;
      readonly publicKey: string;
      readonly fingerprint: string;
      /** The commission an operator or chair acts for; null for keys not scoped to one. */
      readonly commission?: string | null;
    }
  | { readonly type: 'election-defined'; readonly electionId: string; readonly electionSha256: string }
  | {
      /**
       * A person's account disabled (it logs in no more, its sessions end) or enabled again,
       * signed by the CEC as the key's registration is; accounts themselves are not in the journal.
       */
      readonly type: 'account-disabled' | 'account-enabled';
      readonly holder: string;
      /** The administrator who did it, or `cec` when done from the CLI with the key file. */
      readonly by: string;
      readonly reason: string;
    }
  | {
      /** One operator's entry of a protocol from the paper form (docs/tabulation.md): the first or the second. */
      readonly type: 'protocol-entered';
      readonly protocol: Protocol;
      readonly entry: 1 | 2;
      /** Why a new version of an accepted protocol is entered (a correction or recount). */
      readonly reason: string | null;
    }
  | {
      /** The chair's resolution of two entries that differ: the protocol as it stands on paper. */
      readonly type: 'protocol-resolved';
      readonly protocol: Protocol;
    }
  | {
      /** A drawn order settling a tie (docs/law.md §1.7, §5), recorded by the contest's commission. */
      readonly type: 'lots-drawn';
      readonly contestId: string;
      readonly order: readonly string[];
    }
  | {
      /** The establishing commission approves the contest's summary: its result is established. */
      readonly type: 'summary-approved';
      readonly commissionId: string;
      readonly contestId: string;
      /** SHA-256 of the summary approved; a later change of any protocol makes the approval stale. */
      readonly summarySha256: string;
      readonly stationsCounted: number;
    }
  | {
      /** The CEC certifies a body's results once every contest of it is established. */
      readonly type: 'results-certified';
      readonly bodyId: string;
    }
  | {
      readonly type: 'protocol-accepted';
      readonly protocol: Protocol;
      /** Warning codes the accepting user acknowledged (docs/protocol-checks.md). */
      readonly acknowledged: readonly string[];
      /** `import`: one accepted entry by the importing user; `entry`: accepted by the chair after double entry. */
      readonly via: 'import' | 'entry';
      /** A new version of an accepted protocol says why. */
      readonly reason: string | null;
    }
  /** Nomination and registration before the vote, deputies and vacancies after it (docs/registration.md). */
  | RegistrationPayload;

export type JournalEventType = JournalPayload['type'];
