import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { electionSchema } from '../../model/election.ts';
import { dirname, join } from 'node:path';
import { cliText } from '../../i18n/cli-text.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { formatCount } from '../../i18n/format.ts';
import { defaultKeyringPath, type Keyring, loadKeyring } from '../../store/keyring.ts';
import { keySigner } from '../../journal/act.ts';
import { writeKeyFile } from '../../journal/key-file.ts';
import type { SigningKey } from '../../journal/keys.ts';
import { authorKey } from './key-commands.ts';
import { openStore } from '../../store/open-store.ts';
import { refuseNewerSchema } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { addUser } from '../../services/account-service.ts';
import { decide } from '../../services/decision-service.ts';
import { ELECTION_META, initElection, loadElection } from '../../services/election-service.ts';
import { actorOf, submitEntry } from '../../services/entry-service.ts';
import { exportBundle } from '../../services/export-bundle.ts';
import { exportFromStore } from '../../services/export-results.ts';
import { ingestProtocols } from '../../services/intake-service.ts';
import { currentDecisions, currentTally } from '../../services/results-service.ts';
import { StoreError } from '../../store/store-error.ts';
import { EXPORT_FORMATS, isExportFormat } from '../../export/build-export.ts';
import { asCliInputError, CliRefusal, okOrRefuse } from '../cli-refusal.ts';
import { readPreviousTurnout } from '../previous-turnout-file.ts';
import type { EntryAction } from '../../tally/entry-flow.ts';
import { PERSON_ROLES } from '../../journal/events.ts';
import { ApiError } from '../../server/api-error.ts';
import { BUILT_SITE } from '../../server/static-site.ts';
import { buildServer, DEFAULT_LIMITS } from '../../server/app.ts';
import { hashPassword } from '../../server/auth.ts';
import { isProxyAddress } from '../../server/proxy-address.ts';
import { VERSION } from '../version.ts';
import { ensureIntact } from '../store-check.ts';
import { ndjsonDocuments } from '../ndjson-documents.ts';
import { listenOrRefuse } from '../listen.ts';
import { exportSite } from './site-export.ts';
import { registeredLogKey, TransparencyLog } from '../../services/transparency-log.ts';
import {
  defaultLogKeyPath,
  defaultLogOrigin,
  loadLogKey,
  logKeyOf,
  newLogKeyText,
  saveNewLogKey,
} from '../../services/transparency-log-key.ts';
import { untilStopped } from '../until-stopped.ts';
import { resultsToJson } from '../../tally/results-json.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';
import { assertDefined } from '../../law/assert.ts';

export interface DbOptions extends OutputOptions {
  readonly db: string;
  /** The server's key file of people's keys (until signing moves to the client). */
  readonly keys?: string;
  /** The acting author's key file (docs/keys.md). */
  readonly key?: string;
  /** `init`: the CEC's key file, made offline with `saylau keygen`. */
  readonly cecKey?: string;
  /** The transparency log's key file (docs/transparency-log.md, "Serving the log"); beside the database by default. */
  readonly logKey?: string;
}

/** Errors of a database that cannot be reached or read, from either engine, by their codes. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  '28P01',
  '28000',
  '3D000',
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_READONLY',
]);

/**
 * Runs a store command: a StoreError becomes its coded message, a database that cannot be opened
 * or reached becomes STORE_UNREACHABLE, a file that cannot be read INPUT_FILE_UNREADABLE; the store
 * is always closed.
 */
export async function withStore(
  options: DbOptions,
  context: CliContext,
  work: (store: Store, log: TransparencyLog | null) => Promise<number>,
  {
    create = false,
    signing = true,
  }: {
    readonly create?: boolean;
    /** False for a command that only reads and takes no log key (`saylau proof --db`). */
    readonly signing?: boolean;
  } = {},
): Promise<number> {
  let store: Store | null = null;
  try {
    store = openStore(options.db, { create });
    // Commands that only read do not migrate, but must not read a schema they do not know.
    await refuseNewerSchema(store);
    // Where the log key is, every append of this command signs a checkpoint in its own transaction, as the server's
    // do; without it (a database from before the log) appends go unsigned until `saylau log-key init` or the
    // server's next start signs the head (docs/transparency-log.md, "Serving the log").
    const logKeyPath = options.logKey ?? defaultLogKeyPath(options.db);
    const log = signing && existsSync(logKeyPath) ? new TransparencyLog(okOrRefuse(loadLogKey(logKeyPath))) : null;
    log?.attach(store);
    return await work(store, log);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof StoreError) reportInputError(asCliInputError(error), options, context);
    else if (error instanceof CliRefusal)
      reportInputError({ code: error.code, field: error.flag, params: error.params }, options, context);
    else if (typeof code === 'string' && UNREACHABLE.has(code))
      reportInputError(
        { code: 'STORE_UNREACHABLE', field: '--db', params: { db: options.db, detail: (error as Error).message } },
        options,
        context,
      );
    else if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'ENOTDIR')
      reportInputError(
        { code: 'INPUT_FILE_UNREADABLE', field: '', params: { path: (error as Error).message } },
        options,
        context,
      );
    else throw error;
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/**
 * `saylau init DIR --db …`: a new election database from a dataset's election.json, with its keys and the
 * transparency log's key, which the CEC registers in the journal.
 */
export function runInit(
  directory: string,
  options: DbOptions & { readonly logOrigin?: string },
  context: CliContext,
): Promise<number> {
  return withStore(
    options,
    context,
    async (store) => {
      const file = existsSync(join(directory, 'election.json')) ? join(directory, 'election.json') : directory;
      const electionText = readFileSync(file, 'utf8');
      const parsed = electionSchema.safeParse(JSON.parse(electionText));
      if (!parsed.success)
        throw new CliRefusal('DATASET_SCHEMA', { detail: `${file}: ${parsed.error.issues[0]?.message ?? ''}` }, 'DIR');
      // The CEC's key only: made offline with `saylau keygen` (--cec-key), or made here into a file the operator moves
      // off the server (docs/keys.md, "On the command line"). No other private key is made.
      // An initialised database is refused before any key is made: no stray CEC key beside it.
      await store.migrate();
      const existing = await store.meta(ELECTION_META);
      if (existing !== null)
        throw new CliRefusal(
          'STORE_ALREADY_INITIALISED',
          { election: (JSON.parse(existing) as { event: { id: string } }).event.id },
          '--db',
        );
      let cec: SigningKey;
      if (options.cecKey !== undefined) cec = authorKey({ key: options.cecKey }, '--cec-key').key;
      else {
        const path = defaultCecKeyPath(options.db);
        const written = writeKeyFile(path);
        if (!written.ok) throw new CliRefusal(written.error.code, written.error.params, '--cec-key');
        cec = written.value;
        context.io.stdout(`${cliText('cecKeyMade', context.language, { path })}\n`);
      }
      const logKeyPath = options.logKey ?? defaultLogKeyPath(options.db);
      const logKeyText = okOrRefuse(newLogKeyText(options.logOrigin ?? defaultLogOrigin(parsed.data.event.id)));
      const logKey = okOrRefuse(logKeyOf(logKeyText, logKeyPath));
      okOrRefuse(saveNewLogKey(logKeyPath, logKeyText));
      let result;
      try {
        // The first checkpoint is signed in the transaction that registers the log key.
        new TransparencyLog(logKey).attach(store);
        result = okOrRefuse(
          await initElection({ store, electionText, cec: keySigner(cec), cecPublicKey: cec.publicKey, logKey }),
        );
      } catch (error) {
        rmSync(logKeyPath, { force: true });
        throw error;
      }
      context.io.stdout(`${cliText('logKeyMade', context.language, { path: logKeyPath, key: logKey.verifierKey })}\n`);
      context.io.stdout(
        `${cliText('initialisedKeys', context.language, { election: result.electionId, db: options.db, events: formatCount(result.events, context.language), fingerprint: result.cecFingerprint })}\n`,
      );
      return 0;
    },
    { create: true },
  );
}

/** `saylau ingest DIR|FILE.ndjson --db …`: bulk intake, safe to run again. */
export function runIngest(source: string, options: DbOptions, context: CliContext): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    const { election } = await loadElection(store);
    const { signer } = authorKey(options);
    const file = existsSync(join(source, 'protocols.ndjson')) ? join(source, 'protocols.ndjson') : source;
    const documents = ndjsonDocuments(file);
    const bar = progressBar('ingest', documents.length);
    const summary = await ingestProtocols({ store, election, documents, signer, onProgress: bar.update });
    bar.finish();
    if (options.json === true) {
      context.io.stdout(
        `${JSON.stringify({ accepted: summary.accepted, warned: summary.warned, unchanged: summary.unchanged, refused: summary.refused, refusedByCode: Object.fromEntries(summary.refusedByCode), refusals: summary.refusals.slice(0, 1000) }, null, 2)}\n`,
      );
    } else {
      const lines = [
        cliText('ingested', context.language, {
          accepted: summary.accepted,
          warned: summary.warned,
          unchanged: summary.unchanged,
          refused: summary.refused,
        }),
      ];
      for (const [code, count] of summary.refusedByCode) lines.push(`  ${code}: ${count}`);
      for (const refusal of summary.refusals.slice(0, 20))
        lines.push(
          `  #${refusal.index + 1} ${refusal.stationId ?? ''} ${refusal.contestId ?? ''} ${refusal.code}: ${formatMessage(refusal.code, context.language, refusal.params)}`,
        );
      context.io.stdout(`${lines.join('\n')}\n`);
    }
    return 0;
  });
}

/** `saylau results --db … [--json]`: the shape of `saylau tally`, plus each result's stage. */
export function runResults(options: DbOptions, context: CliContext): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election, definition } = await loadElection(store);
    await ensureIntact(store, definition);
    const decisions = await currentDecisions(store);
    const tally = await currentTally({ store, election, decisions });
    const document = resultsToJson(tally, decisions);
    if (options.json === true) context.io.stdout(`${JSON.stringify(document)}\n`);
    else {
      const majilis = tally.contests.find((result) => result.contest.id === 'majilis/list');
      const body = tally.bodies.get('majilis');
      const lines: string[] = [];
      if (majilis?.kind === 'list')
        lines.push(
          `majilis/list: ${majilis.allocation.status} (${majilis.totals.stations}/${majilis.stationsExpected}) ${Object.entries(
            majilis.allocation.seats,
          )
            .map(([party, seats]) => `${party} ${seats}`)
            .join(', ')}`,
        );
      if (body !== undefined)
        lines.push(
          `majilis: ${[...body]
            .sort((a, b) => b[1] - a[1])
            .map(([holder, seats]) => `${holder} ${seats}`)
            .join(', ')}`,
        );
      context.io.stdout(`${lines.join('\n')}\n`);
    }
    return 0;
  });
}

/**
 * `saylau export --db … --format bundle|site|json|csv|nist-err|nist-err-precinct --out PATH` (a directory for bundle,
 * site and csv, a file otherwise).
 */
export function runExport(
  options: DbOptions & { readonly format: string; readonly out: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store, log) => {
    if (options.format !== 'bundle' && options.format !== 'site' && !isExportFormat(options.format)) {
      reportInputError(
        {
          code: 'INPUT_INVALID_VALUE',
          field: '--format',
          params: { expected: ['bundle', 'site', ...EXPORT_FORMATS].join(' | ') },
        },
        options,
        context,
      );
      return 1;
    }
    // No format is written — least of all the bundle, whose attestation the CEC signs — from a store that disagrees
    // with its journal.
    const { election, definition, text } = await loadElection(store);
    await ensureIntact(store, definition);
    // The head signed if appends went unsigned, so that the bundle and the site carry the checkpoint of their size.
    await log?.open(store);
    if (options.format === 'bundle') {
      const { events, protocols } = await exportBundle({
        store,
        election,
        electionText: text,
        out: options.out,
        cec: authorKey(options).key,
      });
      context.io.stdout(`${cliText('exported', context.language, { out: options.out, events, protocols })}\n`);
      return 0;
    }
    if (options.format === 'site') {
      const bar = progressBar(
        'site',
        2 * (election.stations.length + election.contests.length) +
          election.bodies.length +
          election.regions.length +
          6,
      );
      const { files } = await exportSite({
        store,
        election,
        definition,
        out: options.out,
        log,
        onProgress: (done) => bar.update(done),
      });
      bar.finish();
      context.io.stdout(
        `${cliText('exportedResults', context.language, { format: 'site', out: options.out, files, bytes: '—' })}\n`,
      );
      return 0;
    }
    const { files } = await exportFromStore({ store, format: options.format });
    // csv is a directory of files; the other formats are one file at --out.
    const paths = options.format === 'csv' ? files.map((file) => join(options.out, file.name)) : [options.out];
    mkdirSync(options.format === 'csv' ? options.out : dirname(options.out), { recursive: true });
    files.forEach((file, index) => writeFileSync(assertDefined(paths[index]), file.content));
    const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
    context.io.stdout(
      `${cliText('exportedResults', context.language, { format: options.format, out: options.out, files: files.length, bytes })}\n`,
    );
    return 0;
  });
}

/** `saylau user add`: a person registered by the CEC; with `--password-file`, also a server account. */
export function runUserAdd(
  options: DbOptions & {
    readonly id: string;
    readonly role: string;
    readonly commission?: string;
    readonly passwordFile?: string;
    readonly publicKey?: string;
    readonly from?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const role = PERSON_ROLES.find((known) => known === options.role);
    if (role === undefined) {
      reportInputError(
        { code: 'INPUT_INVALID_VALUE', field: '--role', params: { expected: PERSON_ROLES.join(' | ') } },
        options,
        context,
      );
      return 1;
    }
    const { election } = await loadElection(store);
    await store.migrate();
    let passwordHash: string | undefined;
    if (options.passwordFile !== undefined) {
      try {
        passwordHash = await hashPassword(context.io.readText(options.passwordFile).replace(/\r?\n$/, ''), options.id);
      } catch (error) {
        if (error instanceof ApiError) throw new CliRefusal(error.code, error.params, '--password-file');
        throw error;
      }
    }
    // The person's key was made where they are (`saylau keygen`); only its public half is given here.
    const publicKey =
      options.publicKey ??
      (options.from === undefined
        ? undefined
        : (() => {
            try {
              return readFileSync(options.from, 'utf8').trim();
            } catch {
              throw new CliRefusal('KEY_FILE_UNREADABLE', { path: options.from }, '--from');
            }
          })());
    if (publicKey === undefined) throw new CliRefusal('INPUT_MISSING_FIELD', { field: '--public-key' }, '--public-key');
    const added = await addUser({
      store,
      election,
      signer: authorKey(options).signer,
      id: options.id,
      role,
      commission: options.commission ?? null,
      publicKey,
      ...(passwordHash === undefined ? {} : { passwordHash }),
    });
    const { fingerprint } = okOrRefuse(added);
    context.io.stdout(
      `${cliText('userAdded', context.language, { user: options.id, role, commission: options.commission ?? '—', fingerprint })}\n`,
    );
    return 0;
  });
}

/** `saylau serve --db … [--port N]`: the HTTP API until Ctrl+C (or SIGTERM). */
export function runServe(
  options: DbOptions & {
    readonly port?: string;
    readonly host?: string;
    readonly accountRate?: string;
    readonly addressRate?: string;
    readonly downloadRate?: string;
    readonly trustProxy?: readonly string[];
    readonly previousTurnout?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store, attached) => {
    const number = (
      value: string | undefined,
      fallback: number,
      field: string,
      min: number,
      max: number,
    ): number | null => {
      const parsed = Number(value ?? fallback);
      if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
      reportInputError({ code: 'INPUT_INVALID_VALUE', field, params: { expected: `${min}…${max}` } }, options, context);
      return null;
    };
    const port = number(options.port, 8080, '--port', 0, 65535);
    const accountRate = number(
      options.accountRate,
      DEFAULT_LIMITS.perAccount.perMinute,
      '--account-rate',
      1,
      10_000_000,
    );
    const addressRate = number(
      options.addressRate,
      DEFAULT_LIMITS.perAddress.perMinute,
      '--address-rate',
      1,
      10_000_000,
    );
    const downloadRate = number(
      options.downloadRate,
      DEFAULT_LIMITS.downloads.perMinute,
      '--download-rate',
      1,
      10_000_000,
    );
    if (port === null || accountRate === null || addressRate === null || downloadRate === null) return 1;
    const untrustworthy = (options.trustProxy ?? []).find((address) => !isProxyAddress(address));
    if (untrustworthy !== undefined) {
      reportInputError(
        {
          code: 'INPUT_INVALID_VALUE',
          field: '--trust-proxy',
          params: { expected: `an IP address or CIDR range, not ${untrustworthy}` },
        },
        options,
        context,
      );
      return 1;
    }
    // A burst of a tenth of a minute's allowance: a commission's batch goes through, a flood does not.
    // Downloads: a third, so that a page of analyses loads at once.
    const limits = {
      ...DEFAULT_LIMITS,
      perAccount: { perMinute: accountRate, burst: Math.max(10, accountRate / 10) },
      perAddress: { perMinute: addressRate, burst: Math.max(10, addressRate / 10) },
      downloads: { perMinute: downloadRate, burst: Math.max(10, downloadRate / 3) },
    };
    let previousTurnout = null;
    if (options.previousTurnout !== undefined) {
      const read = readPreviousTurnout(options.previousTurnout);
      if (!read.ok) {
        reportInputError(read.error, options, context);
        return 1;
      }
      previousTurnout = read.value;
    }
    const { election, definition } = await loadElection(store);
    // Checked once, at start: damage made while the server runs is found at its next start or by `saylau check`
    // (docs/server.md).
    await ensureIntact(store, definition);
    // The server signs every append. A journal that registers a log key is not served without that key; one from
    // before the log is served without a log, said aloud, until `saylau log-key init` (docs/transparency-log.md).
    let log = attached;
    if (log === null) {
      const logKeyPath = options.logKey ?? defaultLogKeyPath(options.db);
      if ((await registeredLogKey(store)) !== null) log = new TransparencyLog(okOrRefuse(loadLogKey(logKeyPath)));
      else context.io.stderr(`${cliText('logNotServed', context.language, { path: logKeyPath })}\n`);
    }
    const server = await buildServer({
      log,
      store,
      election,
      definition,
      keysPath: options.keys ?? defaultKeyringPath(options.db),
      version: VERSION,
      limits,
      trustProxy: options.trustProxy ?? [],
      siteDirectory: BUILT_SITE,
      previousTurnout,
      // A defect's stack and a failing live refresh go to the operator's log, never to a person.
      logger: { level: 'error', stream: process.stderr },
    });
    const address = await listenOrRefuse(server, options.host ?? '127.0.0.1', port);
    context.io.stdout(
      `${cliText('serving', context.language, { election: election.event.id, url: address, seq: server.live.current().seq })}\n`,
    );
    const [root] = await store.eventsAfter(0, 1);
    if (root !== undefined)
      context.io.stdout(`${cliText('cecKeyFingerprint', context.language, { fingerprint: root.actor })}\n`);
    if (log !== null) context.io.stdout(`${cliText('logServed', context.language, { key: log.verifierKey })}\n`);
    await untilStopped();
    await server.close();
    return 0;
  });
}

/**
 * Where `init` writes a CEC key it makes, for the operator to move offline at once (docs/keys.md): beside an SQLite
 * database, or in the working directory, named after a PostgreSQL database's URL.
 */
export function defaultCecKeyPath(db: string): string {
  return /^postgres(ql)?:\/\//.test(db) ? defaultKeyringPath(db).replace(/\.json$/, '.cec.key') : `${db}.cec.key`;
}

export function readKeyring(path: string): Keyring {
  try {
    return loadKeyring(path);
  } catch {
    throw new CliRefusal('KEYS_UNREADABLE', { path }, '--keys');
  }
}

/**
 * The CEC's key for an act only the CEC makes (a witness's or the log's registration): the key file of `--key`, which
 * the CEC keeps where it works (docs/keys.md); for a database made before the CEC held its own key, the keys file
 * beside it. Whether the key is the CEC's, the service checks against the journal.
 */
export function cecKeyOf(options: DbOptions): SigningKey {
  if (options.key !== undefined) return authorKey(options).key;
  return readKeyring(options.keys ?? defaultKeyringPath(options.db)).cec;
}

/** `saylau enter | resolve FILE` and `saylau accept`: one step of a protocol's life by a person. */
export function runEntry(
  kind: 'enter' | 'resolve' | 'accept',
  options: DbOptions & {
    readonly as?: string;
    readonly file?: string;
    readonly reason?: string;
    readonly station?: string;
    readonly contest?: string;
    readonly acknowledge?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    // The author is whoever the key file's key is registered to (docs/keys.md).
    const { key, signer } = authorKey(options);
    await store.migrate();
    const registered = (await store.keys()).find((row) => row.fingerprint === key.fingerprint);
    if (registered === undefined) throw new CliRefusal('KEY_NOT_REGISTERED', { fingerprint: key.fingerprint }, '--key');
    if (options.as !== undefined && options.as !== registered.holder)
      throw new CliRefusal('USER_UNKNOWN', { user: options.as }, '--as');
    const actor = await actorOf(store, key.fingerprint);
    // A disabled person's key is refused here as their login is.
    const account = await store.account(registered.holder);
    if (account !== null && account.disabledAt !== null)
      throw new CliRefusal('AUTH_ACCOUNT_DISABLED', { user: registered.holder }, '--key');
    let action: EntryAction;
    if (kind === 'accept') {
      action = {
        kind,
        stationId: options.station ?? '',
        contestId: options.contest ?? '',
        actor,
        acknowledged: (options.acknowledge ?? '')
          .split(',')
          .map((code) => code.trim())
          .filter((code) => code !== ''),
      };
    } else {
      const text = context.io.readText(options.file ?? '-');
      let document: unknown;
      try {
        document = JSON.parse(text) as unknown;
      } catch (error) {
        reportInputError(
          { code: 'INPUT_NOT_JSON', field: '', params: { detail: (error as Error).message } },
          options,
          context,
        );
        return 1;
      }
      action = kind === 'enter' ? { kind, document, actor, reason: options.reason ?? null } : { kind, document, actor };
    }
    const decision = okOrRefuse(await submitEntry({ store, election, action, signer }));
    const result =
      decision.kind === 'entered' ? { decision: decision.kind, entry: decision.entry } : { decision: decision.kind };
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(result)}\n`
        : `${cliText(`entry.${decision.kind}`, context.language, { entry: decision.kind === 'entered' ? decision.entry : '' })}\n`,
    );
    return 0;
  });
}

/** `saylau approve`, `saylau lots` and `saylau certify`: a commission's decision, signed with its key. */
export function runDecision(
  decision: Parameters<typeof decide>[0]['decision'],
  options: DbOptions,
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    const outcome = await decide({
      store,
      election,
      signer: authorKey(options).signer,
      decision,
    });
    if (!outcome.ok) {
      reportInputError(asCliInputError(outcome.error), options, context);
      return 1;
    }
    context.io.stdout(`${cliText(`decision.${decision.kind}`, context.language)}\n`);
    return 0;
  });
}
