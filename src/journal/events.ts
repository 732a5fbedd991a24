import type { Protocol } from '../model/protocol.ts';

/** The kinds of journal event so far, with their payloads. */
export type JournalPayload =
  | { readonly type: 'key-registered'; readonly holder: string; readonly role: 'central-commission' | 'commission' | 'user'; readonly publicKey: string; readonly fingerprint: string }
  | { readonly type: 'election-defined'; readonly electionId: string; readonly electionSha256: string }
  | {
      readonly type: 'protocol-accepted';
      readonly protocol: Protocol;
      /** Warning codes the accepting user acknowledged (SPEC §2.7). */
      readonly acknowledged: readonly string[];
      /** `import`: one accepted entry by the importing user (issue #4, bulk intake). */
      readonly via: 'import';
      /** A new version of an accepted protocol says why. */
      readonly reason: string | null;
    };

export type JournalEventType = JournalPayload['type'];
