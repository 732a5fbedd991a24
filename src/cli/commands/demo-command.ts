import { registerDemoBrowserKeys } from '../demo-browser-keys.ts';
import { okValue } from '../../model/result.ts';
import { packagePath } from '../../package-root.ts';
import { TURNOUT_HOURS } from '../../model/turnout-report.ts';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { datasetTexts } from '../../dataset/files.ts';
import { electionNight } from '../../generate/election-night.ts';
import { generateDataset } from '../../generate/generate.ts';
import type { KzData } from '../../generate/kz-data.ts';
import type { NameLists } from '../../generate/people.ts';
import { cliText } from '../../i18n/cli-text.ts';
import type { PersonRole } from '../../journal/events.ts';
import { BUILT_SITE } from '../../server/static-site.ts';
import { buildServer } from '../../server/app.ts';
import { hashPassword } from '../../server/auth.ts';
import { ClientKeyDirectory, registerKeys, signingCommissions } from '../demo-clients.ts';
import { SqliteStore } from '../../store/sqlite-store.ts';
import { addUser } from '../../services/account-service.ts';
import { initElection, loadElection } from '../../services/election-service.ts';
import { TransparencyLog } from '../../services/transparency-log.ts';
import {
  defaultLogKeyPath,
  defaultLogOrigin,
  logKeyOf,
  newLogKeyText,
  saveNewLogKey,
} from '../../services/transparency-log-key.ts';
import { nominationsFromElection } from '../../registration/dataset-nominations.ts';
import type { CodedRefusal } from '../../model/refusal.ts';
import { asCliInputError } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { reportInputError } from '../run-document-command.ts';
import { dataFile } from './dataset-commands.ts';
import { listenOrRefuse } from '../listen.ts';
import {
  fileDemoRegister,
  accreditDemoObservers,
  enterDemoCopies,
  ingestDemoBatch,
  ingestDemoTurnout,
  registerDemoCandidates,
} from './demo-steps.ts';
import { buildObserverPlans } from '../../generate/observer-copies.ts';
import { buildRegisterPlan } from '../../generate/register-plan.ts';
import { readPreviousTurnout } from '../previous-turnout-file.ts';
import { astanaDate } from '../../tally/observers.ts';
import { VERSION } from '../version.ts';
import { untilStopped } from '../until-stopped.ts';
import { PAPER_PROTOCOL_PATH, servePaperProtocol } from '../demo-paper-protocol.ts';
import { paperProtocols, paperProtocolText } from '../../export/paper-protocol.ts';

/** The password of every demo account: printed, and good for this demo database only. */
export const DEMO_PASSWORD = 'saylau-demo-2023';

/**
 * `saylau demo`: election night of 19 March 2023 on one laptop. The national dataset is generated,
 * a fresh SQLite database made with demo accounts, the server started, and the protocols replayed
 * as they would arrive — the east first, the big cities last — over a few minutes, while the site
 * updates live. One station is left for the visitor to enter in the console.
 */
export async function runDemo(
  options: {
    readonly dir?: string;
    readonly port?: string;
    readonly minutes?: string;
    readonly allAtOnce?: boolean;
    readonly seed?: string;
  },
  context: CliContext,
): Promise<number> {
  const minutes = Number(options.minutes ?? '3');
  const port = Number(options.port ?? '8080');
  const seed = Number(options.seed ?? '2023');
  if (!(minutes > 0 && minutes <= 600)) return usage('--minutes', '0 < N ≤ 600', context);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage('--port', '0…65535', context);
  if (!Number.isSafeInteger(seed) || seed < 0) return usage('--seed', '0…2^32−1', context);
  const directory = options.dir ?? '.demo';
  const say = (text: string) => context.io.stdout(`${text}\n`);

  mkdirSync(directory, { recursive: true });
  const db = join(directory, 'election.db');
  const keysPath = `${db}.keys.json`;
  // The commissions' and people's own key files, apart from the server's files (docs/keys.md, "The demo").
  const clientsDirectory = join(directory, 'clients');
  // Every demo starts the night afresh.
  const logKeyPath = defaultLogKeyPath(db);
  for (const file of [db, `${db}-wal`, `${db}-shm`, keysPath, logKeyPath]) rmSync(file, { force: true });
  rmSync(clientsDirectory, { recursive: true, force: true });
  const clients = new ClientKeyDirectory(clientsDirectory);
  say(cliText('demoGenerating', context.language, { seed }));
  const data = JSON.parse(readFileSync(dataFile('kz-2023.json'), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(dataFile('names.json'), 'utf8')) as NameLists;
  const dataset = generateDataset({ data, names, seed });
  const store = new SqliteStore(db);
  // The transparency log, as `saylau init` makes it: its key beside the database, registered by the CEC, and a
  // checkpoint signed with every commit from the first (docs/transparency-log.md, "Serving the log").
  const logKeyText = okValue(newLogKeyText(defaultLogOrigin(dataset.election.event.id)));
  okValue(saveNewLogKey(logKeyPath, logKeyText));
  const logKey = okValue(logKeyOf(logKeyText, logKeyPath));
  const log = new TransparencyLog(logKey);
  log.attach(store);
  // The CEC's key made for the demo, as `saylau keygen` would make it offline; the server never sees it.
  const cec = okValue(clients.make('cec'));
  okValue(
    await initElection({
      store,
      electionText: datasetTexts(dataset.election, []).election,
      cec: clients.signer('cec'),
      cecPublicKey: cec.publicKey,
      logKey,
    }),
  );
  // Every commission that signs in the demo registered by its public key, signed by the CEC.
  okValue(
    await registerKeys(
      store,
      dataset.election,
      clients.signer('cec'),
      signingCommissions(dataset.election).map((id) => ({
        holder: id,
        role: 'commission' as const,
        commission: null,
        publicKey: okValue(clients.make(id)).publicKey,
      })),
    ),
  );

  // The station left for the console: the first one in Astana, with its territorial commission's staff.
  const station = dataset.election.stations.find((s) => s.regionId === 'KZ-71');
  if (station === undefined) throw new Error('the generated election has no station in Astana');
  const commission = dataset.election.commissions.find((c) => c.id === station.commissionId)?.parentId ?? 'cec';
  const accounts: { username: string; role: PersonRole; commission: string | null }[] = [
    { username: 'admin', role: 'administrator', commission: null },
    { username: 'observer', role: 'observer', commission: null },
    { username: 'operator-1', role: 'operator', commission },
    { username: 'operator-2', role: 'operator', commission },
    { username: 'chair', role: 'chair', commission },
    { username: 'cec-chair', role: 'chair', commission: 'cec' },
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Each person's key made in their own file; the CEC registers the administrator and its own chair (whose key speaks
  // for the CEC, docs/keys.md "Who registers whom"), the administrator the rest.
  for (const account of accounts)
    okValue(
      await addUser({
        store,
        election: dataset.election,
        signer: clients.signer(account.role === 'administrator' || account.commission === 'cec' ? 'cec' : 'admin'),
        id: account.username,
        role: account.role,
        commission: account.commission,
        publicKey: okValue(clients.make(account.username)).publicKey,
        passwordHash,
      }),
    );

  // Before the night, the registration that put the candidates on the ballots, journaled like any other.
  const nominations = nominationsFromElection(dataset.election);
  say(cliText('demoRegistering', context.language, { nominations: nominations.length }));
  const registered = await registerDemoCandidates({
    store,
    definition: dataset.election,
    clients,
    nominations,
    language: context.language,
  });
  if (!registered.ok) return stopped(registered.error, context, [() => store.close()]);
  const { election } = await loadElection(store);

  const server = await buildServer({
    store,
    election,
    definition: dataset.election,
    keysPath,
    version: VERSION,
    siteDirectory: BUILT_SITE,
    log,
    // The CEC's bulletins of 19 March 2023 beside the generated day (docs/site.md, "Turnout through the day").
    previousTurnout: okValue(readPreviousTurnout(packagePath('data', 'turnout-2023-hourly.json'))),
  });
  const paper = dataset.protocols.filter((p) => p.stationId === station.id);
  servePaperProtocol(server.app, election, station.id, paper, context.language);
  const address = await listenOrRefuse(server, '127.0.0.1', port);
  // The console's keys are made in the visitor's browser; the demo, playing the CEC, registers them (docs/server.md).
  const browserKeys = registerDemoBrowserKeys({
    store,
    election,
    cec: clients.signer('cec'),
    usernames: accounts.map((account) => account.username),
  });
  if (!existsSync(join(BUILT_SITE, 'index.html'))) say(cliText('demoNoSite', context.language));
  say(
    cliText('demoReady', context.language, {
      url: address,
      password: DEMO_PASSWORD,
      accounts: accounts
        .map((a) => `${a.username} (${a.role}${a.commission === null ? '' : `, ${a.commission}`})`)
        .join(', '),
      station: station.id,
    }),
  );
  say(cliText('cecKeyFingerprint', context.language, { fingerprint: cec.fingerprint }));
  // What the visitor copies into the console: the paper protocol of the station left open.
  say(cliText('demoPaperProtocol', context.language, { url: `${address}${PAPER_PROTOCOL_PATH}` }));
  say(paperProtocolText(station.id, paperProtocols(election, station.id, paper, context.language), context.language));

  // Observers accredited before the day, a sample for a parallel vote tabulation drawn before the count (docs/law.md
  // §10.2). The demo replays a past election today, so the accreditations run to tomorrow, Astana time.
  const observers = await accreditDemoObservers({
    store,
    election,
    clients,
    plans: buildObserverPlans(election, dataset.protocols, {
      seed,
      until: astanaDate(new Date(Date.now() + 86_400_000).toISOString()),
    }),
    language: context.language,
  });
  if (!observers.ok) return stopped(observers.error, context, [() => server.close(), () => store.close()]);

  // The day: the stations' turnout reports hour by hour, before the polls close (docs/law.md §10.1), over a fifth of
  // the night's time, so that the site's line grows as the CEC's bulletins did.
  const dayPause = options.allAtOnce === true ? 0 : (minutes * 60_000) / 5 / TURNOUT_HOURS.length;
  for (const hour of TURNOUT_HOURS) {
    const day = await ingestDemoTurnout({
      store,
      election,
      clients,
      reports: dataset.turnout.filter((report) => report.hour === hour),
      language: context.language,
    });
    if (!day.ok) return stopped(day.error, context, [() => server.close(), () => store.close()]);
    void server.live.changed();
    if (dayPause > 0) await new Promise((resolve) => setTimeout(resolve, dayPause));
  }

  // The night: protocols in order of arrival, each batch at its time.
  const night = electionNight({
    election,
    protocols: dataset.protocols.filter((p) => p.stationId !== station.id),
    seed,
  });
  const duration = options.allAtOnce === true ? 0 : minutes * 60_000;
  const started = Date.now();
  const bar = progressBar('election night', night.length);
  let done = 0;
  while (done < night.length) {
    const now = duration === 0 ? 1 : (Date.now() - started) / duration;
    let end = done;
    while (end < night.length && (night[end] as { at: number }).at <= now) end += 1;
    if (end > done) {
      const ingested = await ingestDemoBatch({
        store,
        election,
        clients,
        protocols: night.slice(done, end).map((item) => item.protocol),
        language: context.language,
      });
      if (!ingested.ok) {
        bar.finish();
        return stopped(ingested.error, context, [() => server.close(), () => store.close()]);
      }
      done = end;
      bar.update(done);
      void server.live.changed();
    }
    if (done < night.length) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  bar.finish();
  // The observers' copies of the protocols they were handed, compared on the site with the official ones.
  const copies = await enterDemoCopies({ store, election, signers: observers.value, language: context.language });
  if (!copies.ok) return stopped(copies.error, context, [() => server.close(), () => store.close()]);
  const register = await fileDemoRegister({
    store,
    election,
    clients,
    plan: buildRegisterPlan(election, seed),
    language: context.language,
  });
  if (!register.ok) return stopped(register.error, context, [() => server.close(), () => store.close()]);
  void server.live.changed();
  say(cliText('demoDone', context.language, { url: address }));
  await untilStopped();
  await browserKeys.stop();
  await server.close();
  await store.close();
  return 0;
}

/** The demo stopped by a refusal: reported with its code in the reader's language, what it opened closed in order. */
async function stopped(
  refusal: CodedRefusal,
  context: CliContext,
  closing: readonly (() => Promise<unknown>)[],
): Promise<number> {
  reportInputError(asCliInputError(refusal), {}, context);
  for (const close of closing) await close();
  return 1;
}

function usage(field: string, expected: string, context: CliContext): number {
  reportInputError({ code: 'INPUT_INVALID_VALUE', field, params: { expected } }, {}, context);
  return 1;
}
