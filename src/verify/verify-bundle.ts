import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { eventHash, GENESIS, type SealedEvent } from '../journal/event.ts';
import type { JournalPayload } from '../journal/events.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { electionSchema, type Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { approvalKey, decisionsFromRows } from '../tally/decisions.ts';
import { inScope } from '../tally/entry-flow.ts';
import { checkProtocol } from '../tally/protocol-checks.ts';
import { resultsToJson } from '../tally/results-json.ts';
import { tallyElection } from '../tally/tally-election.ts';

// This module must not import the store or the server (issue #4): an observer runs it on a bundle alone.

export interface VerifyCheck {
  readonly number: number;
  readonly name: string;
  readonly ok: boolean;
  /** The first bad entry, named: a file, a line, a journal sequence number. */
  readonly detail: string;
}

const FILES = ['election.json', 'journal.ndjson', 'protocols.ndjson', 'results.json'] as const;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Recomputes every hash, signature, protocol, summary and seat of a bundle (SPEC §3) and returns
 * numbered checks. Stops at the first failed check, since later ones build on earlier ones.
 */
export async function verifyBundle(directory: string, { trust }: { readonly trust?: string | undefined } = {}): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): boolean => {
    checks.push({ number: checks.length + 1, name, ok, detail });
    return ok;
  };

  // 1. Manifest and file hashes.
  const manifestPath = join(directory, 'MANIFEST.json');
  if (!check('manifest', existsSync(manifestPath), existsSync(manifestPath) ? 'MANIFEST.json' : 'MANIFEST.json is missing')) return checks;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, { sha256: string }>; cecFingerprint: string };
  const texts = new Map<string, string>();
  for (const file of FILES) {
    const path = join(directory, file);
    if (!existsSync(path)) return (check('file hashes', false, `${file} is missing`), checks);
    const text = readFileSync(path, 'utf8');
    texts.set(file, text);
    if (manifest.files[file]?.sha256 !== sha256(text)) return (check('file hashes', false, `${file}: SHA-256 differs from MANIFEST.json`), checks);
  }
  check('file hashes', true, `${FILES.length} files`);

  // 2. The election definition.
  const electionText = texts.get('election.json') as string;
  const parsedElection = electionSchema.safeParse(JSON.parse(electionText));
  if (!check('election definition', parsedElection.success, parsedElection.success ? parsedElection.data.event.id : 'election.json does not match the schema')) return checks;
  const election: Election = parsedElection.data as Election;

  // 3. The hash chain.
  const lines = (texts.get('journal.ndjson') as string).split('\n').filter((line) => line !== '');
  const events: SealedEvent[] = [];
  let prev = GENESIS;
  for (const [index, line] of lines.entries()) {
    const event = JSON.parse(line) as SealedEvent;
    const where = `journal.ndjson line ${index + 1} (seq ${event.seq})`;
    if (event.seq !== index + 1) return (check('hash chain', false, `${where}: sequence number out of place`), checks);
    if (event.prev !== prev) return (check('hash chain', false, `${where}: prev does not match the hash of the entry before`), checks);
    if (eventHash(event) !== event.hash) return (check('hash chain', false, `${where}: hash does not match the content`), checks);
    if (canonicalJson(event) !== line) return (check('hash chain', false, `${where}: not in canonical form`), checks);
    prev = event.hash;
    events.push(event);
  }
  check('hash chain', true, `${events.length} entries, head ${prev.slice(0, 16)}…`);

  // 4. Trust: the root key, registered by itself, is the CEC's and is the one pinned.
  const root = events[0];
  const rootPayload = root?.payload as Extract<JournalPayload, { type: 'key-registered' }> | undefined;
  const rootOk = root !== undefined && root.type === 'key-registered' && rootPayload?.holder === 'cec' && rootPayload.fingerprint === root.actor && (trust === undefined || trust === root.actor);
  if (root === undefined || !check('trust root', rootOk, rootOk ? `CEC ${root.actor}${trust === undefined ? ' (not pinned: pass --trust FINGERPRINT)' : ' = --trust'}` : `journal.ndjson line 1: the first entry is not the CEC key${trust === undefined ? '' : ' pinned by --trust'}`)) {
    if (root === undefined) check('trust root', false, 'journal.ndjson is empty');
    return checks;
  }

  // 5. Every signer registered before it signs, by the CEC; every signature valid (both cores).
  const keys = new Map<string, string>();
  const items: { seq: number; hash: string; signature: string; publicKey: string }[] = [];
  for (const event of events) {
    if (event.type === 'key-registered') {
      const payload = event.payload as Extract<JournalPayload, { type: 'key-registered' }>;
      if (event.actor !== root.actor) return (check('signers', false, `journal.ndjson line ${event.seq}: a key registered by someone other than the CEC`), checks);
      if (createHash('sha256').update(Buffer.from(payload.publicKey, 'base64url')).digest('hex') !== payload.fingerprint) return (check('signers', false, `journal.ndjson line ${event.seq}: fingerprint does not match the key`), checks);
      keys.set(payload.fingerprint, payload.publicKey);
    }
    const publicKey = keys.get(event.actor);
    if (publicKey === undefined) return (check('signers', false, `journal.ndjson line ${event.seq}: signed by an unregistered key ${event.actor.slice(0, 16)}…`), checks);
    items.push({ seq: event.seq, hash: event.hash, signature: event.signature, publicKey });
  }
  check('signers', true, `${keys.size} keys registered by the CEC`);
  const firstBadSignature = await verifySignatures(items);
  if (!check('signatures', firstBadSignature === null, firstBadSignature === null ? `${items.length} Ed25519 signatures` : `journal.ndjson line ${firstBadSignature}: signature does not verify`)) return checks;

  // 6. The definition is the one the CEC signed.
  const defined = events.find((event) => event.type === 'election-defined')?.payload as Extract<JournalPayload, { type: 'election-defined' }> | undefined;
  if (!check('election signed', defined?.electionSha256 === sha256(electionText), defined === undefined ? 'no election-defined entry' : defined.electionSha256 === sha256(electionText) ? 'election.json is the signed definition' : 'election.json differs from the signed definition')) return checks;

  // 7. Authority: entries by operators or chairs of the station's commission, resolutions and
  // acceptances after double entry by its chair, bulk imports by a registered user.
  const roles = new Map<string, { role: string; commission: string | null }>();
  for (const event of events) {
    if (event.type !== 'key-registered') continue;
    const payload = event.payload as Extract<JournalPayload, { type: 'key-registered' }>;
    roles.set(payload.fingerprint, { role: payload.role, commission: payload.commission ?? null });
  }
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  const stationCommission = new Map(election.stations.map((s) => [s.id as string, s.commissionId as string]));
  const holders = new Map<string, string>();
  for (const event of events) if (event.type === 'key-registered') holders.set((event.payload as { fingerprint: string }).fingerprint, (event.payload as { holder: string }).holder);
  const contestCommission = new Map(election.contests.map((c) => [c.id as string, c.commissionId as string]));
  // The commissions above the stations of each contest: who may approve a part of its summary.
  const above = new Map<string, Set<string>>();
  for (const station of election.stations) {
    for (let id = parents.get(station.commissionId) ?? null; id !== null; id = parents.get(id) ?? null) {
      for (const contestId of station.contests) {
        if (!above.has(contestId)) above.set(contestId, new Set());
        above.get(contestId)?.add(id);
      }
    }
  }
  for (const event of events) {
    if (event.type === 'lots-drawn' || event.type === 'summary-approved' || event.type === 'results-certified') {
      const payload = event.payload as { contestId?: string; commissionId?: string };
      const holder = holders.get(event.actor);
      const approver = payload.commissionId ?? '';
      const entitled =
        event.type === 'results-certified'
          ? holder === 'cec'
          : event.type === 'lots-drawn'
            ? holder === 'cec' || holder === contestCommission.get(payload.contestId ?? '')
            : approver === holder && (approver === contestCommission.get(payload.contestId ?? '') || (above.get(payload.contestId ?? '')?.has(approver) ?? false));
      if (!entitled) return (check('authority', false, `journal.ndjson line ${event.seq}: ${event.type} signed by ${holder ?? 'an unknown key'}, not the commission entitled to it`), checks);
      continue;
    }
    if (event.type !== 'protocol-entered' && event.type !== 'protocol-resolved' && event.type !== 'protocol-accepted') continue;
    const payload = event.payload as { protocol: Protocol; via?: string };
    const signer = roles.get(event.actor) ?? { role: '', commission: null };
    const allowed = event.type === 'protocol-accepted' && payload.via === 'import' ? ['user'] : event.type === 'protocol-entered' ? ['operator', 'chair'] : ['chair'];
    const scoped = event.type === 'protocol-accepted' && payload.via === 'import' ? true : inScope({ fingerprint: event.actor, ...signer }, stationCommission.get(payload.protocol.stationId) ?? '', parents);
    if (!allowed.includes(signer.role) || !scoped) return (check('authority', false, `journal.ndjson line ${event.seq}: ${event.type} signed by a ${signer.role === '' ? 'key without a role' : signer.role} not entitled for ${payload.protocol.stationId}`), checks);
  }
  check('authority', true, 'every entry, resolution and acceptance by a user entitled to it');

  // 8. Protocols: replaying the journal gives protocols.ndjson, and each holds every control relation.
  const current = new Map<string, Protocol>();
  for (const event of events) {
    if (event.type !== 'protocol-accepted') continue;
    const protocol = (event.payload as Extract<JournalPayload, { type: 'protocol-accepted' }>).protocol;
    current.set(`${protocol.stationId} ${protocol.contestId}`, protocol);
  }
  const replayed = [...current.values()].map((protocol) => canonicalJson(protocol)).sort();
  const published = (texts.get('protocols.ndjson') as string).split('\n').filter((line) => line !== '');
  const sortedPublished = [...published].sort();
  const mismatch = replayed.findIndex((line, index) => line !== sortedPublished[index]);
  if (!check('protocols', replayed.length === published.length && mismatch < 0, mismatch < 0 && replayed.length === published.length ? `${published.length} protocols replayed from the journal` : `protocols.ndjson line ${published.indexOf(sortedPublished[Math.max(0, mismatch)] ?? '') + 1}: differs from the journal`)) return checks;
  const options = new Map(election.contests.map((contest) => [contest.id as string, contest.options.map((option) => option.id as string)]));
  for (const protocol of current.values()) {
    const error = checkProtocol({ lines: protocol.lines, votes: protocol.votes, options: options.get(protocol.contestId) ?? [] }).find((finding) => finding.severity === 'error');
    if (error !== undefined) return (check('control relations', false, `${protocol.stationId} ${protocol.contestId}: ${error.code}`), checks);
  }
  check('control relations', true, 'every accepted protocol');

  // 9. Summaries and seats recomputed from the protocols equal results.json.
  const decisionRows = new Map<string, string>();
  for (const event of events) {
    const payload = event.payload as { contestId?: string; order?: string[]; summarySha256?: string; bodyId?: string; commissionId?: string };
    if (event.type === 'lots-drawn') decisionRows.set(`lots:${payload.contestId}`, JSON.stringify(payload.order));
    if (event.type === 'summary-approved') decisionRows.set(approvalKey(payload.contestId ?? '', payload.commissionId ?? '', contestCommission.get(payload.contestId ?? '') ?? ''), payload.summarySha256 ?? '');
    if (event.type === 'results-certified') decisionRows.set(`certified:${payload.bodyId}`, '1');
  }
  const decisions = decisionsFromRows(decisionRows);
  const recomputed = `${JSON.stringify(resultsToJson(tallyElection({ election, protocols: current.values(), decisions }), decisions))}\n`;
  const results = texts.get('results.json') as string;
  check('results', recomputed === results, recomputed === results ? 'every sum, seat and winner recomputed' : `results.json: differs from the recomputation at character ${[...recomputed].findIndex((c, i) => c !== results[i])}`);
  return checks;
}

/** Splits the signatures between two worker threads (SPEC §4: a full verify uses both cores). */
async function verifySignatures(items: readonly { seq: number; hash: string; signature: string; publicKey: string }[]): Promise<number | null> {
  const half = Math.ceil(items.length / 2);
  const parts = [items.slice(0, half), items.slice(half)];
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise<number | null>((resolve, reject) => {
          const worker = new Worker(new URL('./signature-worker.mjs', import.meta.url), { workerData: { items: part } });
          worker.once('message', (message: { firstBad: number | null }) => resolve(message.firstBad));
          worker.once('error', reject);
        }),
    ),
  );
  const bad = results.filter((seq): seq is number => seq !== null);
  return bad.length === 0 ? null : Math.min(...bad);
}
