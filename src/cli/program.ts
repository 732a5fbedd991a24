import { Command, CommanderError } from 'commander';
import { cliText, type CliTextKey } from '../i18n/cli-text.ts';
import { isLanguage, resolveLanguage } from '../i18n/language.ts';
// Each command's module is imported by its action, when it runs: `saylau --help` loads commander and the texts,
// not the server, the store and the law (docs/server.md, "The built package").
import { reportDefect } from './cli-refusal.ts';
import type { DbOptions } from './commands/store-commands.ts';
import type { ForecastOptions } from './commands/forecast-command.ts';
import type { ForensicsOptions } from './commands/forensics-command.ts';
import type { ProofOptions } from './commands/log-commands.ts';
import type { ReceiptCheckOptions } from './commands/receipt-command.ts';
import type { WitnessOptions } from './commands/witness-command.ts';
import type { CliContext, CliIo } from './context.ts';
import {
  type DocumentCommand,
  type OutputOptions,
  reportInputError,
  runDocumentCommand,
} from './run-document-command.ts';
import { VERSION } from './version.ts';
import { assertDefined } from '../law/assert.ts';
import { keepHeapLean } from './lean-heap.ts';

/** The language asked for on the command line, read before parsing so that help is translated too. */
function languageFromArgs(args: readonly string[]): string | undefined {
  const index = args.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (index < 0) return undefined;
  const arg = assertDefined(args[index]);
  return arg.includes('=') ? arg.slice('--lang='.length) : args[index + 1];
}

/**
 * Runs `saylau` with `args` (without node and script) and returns the exit code: 0 for any
 * decision, 1 for bad input or usage, 2 for a defect, with a coded error on stderr.
 */
export async function runCli(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const requested = languageFromArgs(args);
  const context: CliContext = { io, language: resolveLanguage(requested, env.LANG) };
  if (requested !== undefined && !isLanguage(requested)) {
    reportInputError(
      { code: 'CLI_USAGE', field: '--lang', params: { detail: `--lang ${requested}: kk | ru | en` } },
      { json: args.includes('--json') },
      context,
    );
    return 1;
  }
  const t = (key: CliTextKey): string => cliText(key, context.language);
  let exitCode = 0;

  const program = new Command('saylau')
    .description(t('programDescription'))
    .version(VERSION)
    .option('--lang <language>', t('langOption'))
    .helpCommand('help [command]', t('helpDescription'))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: () => undefined })
    .showHelpAfterError(false);

  const documentCommand = <I, O>(
    name: string,
    descriptionKey: CliTextKey,
    load: () => Promise<DocumentCommand<I, O>>,
    example: string,
  ): void => {
    program
      .command(name)
      .description(t(descriptionKey))
      .argument('<file>', t('fileArgument'))
      .option('--json', t('jsonOption'))
      .addHelpText('after', `\n${example}`)
      .action(async (file: string, options: OutputOptions) => {
        exitCode = runDocumentCommand(await load(), file, options, context);
      });
  };

  documentCommand(
    'allocate',
    'allocateDescription',
    async () => (await import('./commands/allocate.ts')).allocateCommand,
    'Example: saylau allocate decks/allocation/majilis-2023.json --json\nFILE: { "rules": "kz-2023-majilis" | {…}, "seats": 69, "parties": [{ "id", "votes", "listSize"?, "registrationOrder"? }], "againstAll"?, "invalid"?, "participants"?, "lotsOrder"? }',
  );
  documentCommand(
    'check-candidate',
    'checkCandidateDescription',
    async () => (await import('./commands/candidate-checks.ts')).checkCandidateCommand,
    'FILE: { "body": "majilis" | "maslikhat", "electionDate": "YYYY-MM-DD", "candidate": { "id", "birthDate", "citizen", "residenceYears", "residesInRegion"?, "criminalRecord", "corruptionOffence", "legallyIncapable" } }',
  );
  documentCommand(
    'check-list',
    'checkListDescription',
    async () => (await import('./commands/candidate-checks.ts')).checkListCommand,
    'FILE: { "body", "seats", "electionDate", "party", "list": [{ "id", "gender": "female" | "male", "birthDate", "disability", "partyMember" }] }',
  );
  documentCommand(
    'check-mandates',
    'checkMandatesDescription',
    async () => (await import('./commands/candidate-checks.ts')).checkMandatesCommand,
    'FILE: { "electionDate", "seatsWon", "list": [{ "id", "gender", "birthDate", "disability" }], "chosen": [id, …], "rounding"?: "up" | "down" | "nearest" }',
  );
  documentCommand(
    'smd',
    'smdDescription',
    async () => (await import('./commands/contest-outcomes.ts')).smdCommand,
    'FILE: { "candidates": [{ "id", "votes", "withdrawn"? }], "againstAll"?, "againstAllVoids"?, "tieDecision"?: "lots" | "repeat-election", "lotsOrder"? }',
  );
  documentCommand(
    'recall',
    'recallDescription',
    async () => (await import('./commands/contest-outcomes.ts')).recallCommand,
    'FILE: { "registeredVoters", "participants", "forRecall" }',
  );

  program
    .command('generate')
    .description(t('generateDescription'))
    .requiredOption('--seed <n>', t('seedOption'))
    .requiredOption('--out <dir>', t('outOption'))
    .option('--anomalies <spec>', t('anomaliesOption'))
    .option('--scale <k>', t('scaleOption'))
    .action(async (options: { seed: string; out: string; anomalies?: string; scale?: string }) => {
      const { runGenerate } = await import('./commands/dataset-commands.ts');
      exitCode = runGenerate(options, context);
    });

  program
    .command('validate')
    .description(t('validateDescription'))
    .argument('<dir>', t('directoryArgument'))
    .option('--json', t('jsonOption'))
    .action(async (directory: string, options: OutputOptions) => {
      const { runValidate } = await import('./commands/dataset-commands.ts');
      exitCode = runValidate(directory, options, context);
    });

  program
    .command('tally')
    .description(t('tallyDescription'))
    .argument('<dir>', t('directoryArgument'))
    .option('--json', t('jsonOption'))
    .action(async (directory: string, options: OutputOptions) => {
      const { runTally } = await import('./commands/dataset-commands.ts');
      exitCode = runTally(directory, options, context);
    });

  /** The options every database command shares. */
  const withDb = (command: Command): Command =>
    command
      .requiredOption('--db <path|url>', t('dbOption'))
      .option('--keys <file>', t('keysOption'))
      .option('--key <file>', t('keyOption'))
      .option('--log-key <file>', t('logKeyOption'))
      .option('--json', t('jsonOption'));

  /** An act command: `--receipt-dir`, and the receipts of the events it appended (docs/receipts.md). */
  const act = (command: Command): Command => command.option('--receipt-dir <dir>', t('receiptDirOption'));
  const withReceipts = async (options: DbOptions & { receiptDir?: string }, run: () => Promise<number>) =>
    (await import('./commands/receipt-command.ts')).withActReceipts(options, context, run);

  const dbCommand = (
    name: string,
    descriptionKey: CliTextKey,
    argument: string | null,
    action: (argument: string | undefined, options: DbOptions) => Promise<number>,
  ): void => {
    const command = program.command(name).description(t(descriptionKey));
    if (argument !== null) command.argument(argument, t('directoryArgument'));
    withDb(command).action(async (...received: unknown[]) => {
      const options = (argument === null ? received[0] : received[1]) as DbOptions;
      exitCode = await action(argument === null ? undefined : (assertDefined(received[0]) as string), options);
    });
  };
  withDb(program.command('init').description(t('initDescription')).argument('<dir>', t('directoryArgument')))
    .option('--cec-key <file>', t('cecKeyOption'))
    .option('--log-origin <origin>', t('logOriginOption'))
    .action(async (directory: string, options: DbOptions & { logOrigin?: string }) => {
      const { runInit } = await import('./commands/store-commands.ts');
      exitCode = await runInit(directory, options, context);
    });
  // keys: key files and their registration (docs/keys.md).
  program
    .command('keygen')
    .description(t('keygenDescription'))
    .requiredOption('--out <file>', t('keygenOutOption'))
    .option('--json', t('jsonOption'))
    .action(async (options: { out: string; json?: boolean }) => {
      exitCode = (await import('./commands/key-commands.ts')).runKeygen(options, context);
    });
  const keys = program.command('keys').description(t('keysDescription'));
  withDb(keys.command('register').description(t('keysRegisterDescription')))
    .requiredOption('--holder <id>', t('holderOption'))
    .requiredOption('--role <role>', t('keyRoleOption'))
    .option('--commission <id>', t('commissionOption'))
    .option('--public-key <key>', t('publicKeyOption'))
    .option('--from <file>', t('fromPubOption'))
    .action(
      async (
        options: DbOptions & { holder: string; role: string; commission?: string; publicKey?: string; from?: string },
      ) => {
        exitCode = await (await import('./commands/key-commands.ts')).runKeysRegister(options, context);
      },
    );
  withDb(keys.command('revoke').description(t('keysRevokeDescription')))
    .requiredOption('--fingerprint <hex>', t('fingerprintOption'))
    .requiredOption('--reason <text>', t('accountReasonOption'))
    .option('--void-from <time>', t('voidFromOption'))
    .action(async (options: DbOptions & { fingerprint: string; reason: string; voidFrom?: string }) => {
      exitCode = await (await import('./commands/key-commands.ts')).runKeysRevoke(options, context);
    });
  // The transparency log (docs/transparency-log.md, "Serving the log").
  withDb(
    program
      .command('log-key')
      .description(t('logKeyDescription'))
      .command('init')
      .description(t('logKeyInitDescription')),
  )
    .option('--log-origin <origin>', t('logOriginOption'))
    .action(async (options: DbOptions & { logOrigin?: string }) => {
      const { runLogKeyInit } = await import('./commands/log-commands.ts');
      exitCode = await runLogKeyInit(options, context);
    });
  const proof = program.command('proof').description(t('proofDescription'));
  const proofSource = (command: Command): Command =>
    command
      .option('--db <path|url>', t('dbOption'))
      .option('--log <url>', t('logUrlOption'))
      .option('--log-key <vkey>', t('logVerifierKeyOption'))
      .option('--json', t('jsonOption'));
  proofSource(proof.command('inclusion').description(t('proofInclusionDescription')))
    .requiredOption('--seq <n>', t('seqOption'))
    .option('--size <n>', t('treeSizeOption'))
    .action(async (options: ProofOptions) => {
      const { runProofInclusion } = await import('./commands/log-commands.ts');
      exitCode = await runProofInclusion(options, context);
    });
  proofSource(proof.command('consistency').description(t('proofConsistencyDescription')))
    .requiredOption('--from <n>', t('fromSizeOption'))
    .option('--to <n>', t('treeSizeOption'))
    .action(async (options: ProofOptions) => {
      const { runProofConsistency } = await import('./commands/log-commands.ts');
      exitCode = await runProofConsistency(options, context);
    });
  dbCommand('ingest', 'ingestDescription', '<source>', async (source, options) =>
    (await import('./commands/store-commands.ts')).runIngest(source as string, options, context),
  );
  withDb(
    program.command('turnout').description(t('turnoutDescription')).argument('<source>', t('turnoutSourceArgument')),
  )
    .option('--reason <text>', t('turnoutReasonOption'))
    .action(async (source: string, options: DbOptions & { reason?: string }) => {
      const { runTurnout } = await import('./commands/turnout-command.ts');
      exitCode = await runTurnout(source, options, context);
    });
  dbCommand('observers', 'observersDescription', '<source>', async (source, options) =>
    (await import('./commands/observer-commands.ts')).runAccredit(source as string, options, context),
  );
  dbCommand('samples', 'samplesDescription', '<source>', async (source, options) =>
    (await import('./commands/observer-commands.ts')).runSamples(source as string, options, context),
  );
  dbCommand('irregularities', 'irregularitiesDescription', '<source>', async (source, options) =>
    (await import('./commands/observer-commands.ts')).runIrregularities(source as string, options, context),
  );
  dbCommand('complaints', 'complaintsDescription', '<source>', async (source, options) =>
    (await import('./commands/complaint-commands.ts')).runComplaints(source as string, options, context),
  );
  dbCommand('complaint-decisions', 'complaintDecisionsDescription', '<source>', async (source, options) =>
    (await import('./commands/complaint-commands.ts')).runComplaintDecisions(source as string, options, context),
  );
  dbCommand('violations', 'violationsDescription', '<source>', async (source, options) =>
    (await import('./commands/complaint-commands.ts')).runViolations(source as string, options, context),
  );
  dbCommand('copies', 'copiesDescription', '<source>', async (source, options) =>
    (await import('./commands/observer-commands.ts')).runCopies(source as string, options, context),
  );
  dbCommand('results', 'resultsDescription', null, async (_none, options) =>
    (await import('./commands/store-commands.ts')).runResults(options, context),
  );
  withDb(program.command('check').description(t('checkDescription')))
    .option('--full', t('fullCheckOption'))
    .action(async (options: DbOptions & { full?: boolean }) => {
      const { runCheck } = await import('./commands/integrity-commands.ts');
      exitCode = await runCheck(options, context);
    });
  dbCommand('rebuild', 'rebuildDescription', null, async (_none, options) =>
    (await import('./commands/integrity-commands.ts')).runRebuild(options, context),
  );

  const user = program.command('user').description(t('userDescription'));
  withDb(user.command('add').description(t('userAddDescription')))
    .requiredOption('--id <user>', t('userIdOption'))
    .requiredOption('--role <role>', t('roleOption'))
    .option('--commission <id>', t('commissionOption'))
    .option('--password-file <file>', t('passwordFileOption'))
    .option('--public-key <key>', t('publicKeyOption'))
    .option('--from <file>', t('fromPubOption'))
    .action(
      async (
        options: DbOptions & {
          id: string;
          role: string;
          commission?: string;
          passwordFile?: string;
          publicKey?: string;
          from?: string;
        },
      ) => {
        const { runUserAdd } = await import('./commands/store-commands.ts');
        exitCode = await runUserAdd(options, context);
      },
    );
  for (const disabled of [true, false]) {
    withDb(
      user
        .command(disabled ? 'disable' : 'enable')
        .description(t(disabled ? 'userDisableDescription' : 'userEnableDescription')),
    )
      .requiredOption('--id <user>', t('userIdOption'))
      .requiredOption('--reason <text>', t('accountReasonOption'))
      .action(async (options: DbOptions & { id: string; reason: string }) => {
        const { runUserDisable } = await import('./commands/account-commands.ts');
        exitCode = await runUserDisable({ ...options, disabled }, context);
      });
  }
  withDb(user.command('password').description(t('userPasswordDescription')))
    .requiredOption('--id <user>', t('userIdOption'))
    .requiredOption('--password-file <file>', t('passwordFileOption'))
    .action(async (options: DbOptions & { id: string; passwordFile: string }) => {
      const { runUserPassword } = await import('./commands/account-commands.ts');
      exitCode = await runUserPassword(options, context);
    });
  withDb(user.command('end-sessions').description(t('userEndSessionsDescription')))
    .requiredOption('--id <user>', t('userIdOption'))
    .action(async (options: DbOptions & { id: string }) => {
      const { runUserEndSessions } = await import('./commands/account-commands.ts');
      exitCode = await runUserEndSessions(options, context);
    });
  for (const kind of ['enter', 'resolve'] as const) {
    act(
      withDb(
        program
          .command(kind)
          .description(t(kind === 'enter' ? 'enterDescription' : 'resolveDescription'))
          .argument('<file>', t('fileArgument')),
      ),
    )
      .option('--as <user>', t('asOption'))
      .option('--reason <text>', t('reasonOption'))
      .action(async (file: string, options: DbOptions & { as?: string; reason?: string }) => {
        const { runEntry } = await import('./commands/store-commands.ts');
        exitCode = await withReceipts(options, () => runEntry(kind, { ...options, file }, context));
      });
  }
  act(withDb(program.command('accept').description(t('acceptDescription'))))
    .option('--as <user>', t('asOption'))
    .requiredOption('--station <id>', t('stationOption'))
    .requiredOption('--contest <id>', t('contestOption'))
    .option('--acknowledge <codes>', t('acknowledgeOption'))
    .action(async (options: DbOptions & { as?: string; station: string; contest: string; acknowledge?: string }) => {
      const { runEntry } = await import('./commands/store-commands.ts');
      exitCode = await withReceipts(options, () => runEntry('accept', options, context));
    });

  act(
    withDb(
      program
        .command('approve')
        .description(t('approveDescription'))
        .requiredOption('--contest <id>', t('contestOption'))
        .option('--commission <id>', t('commissionOption')),
    ),
  ).action(async (options: DbOptions & { contest: string; commission?: string }) => {
    const { runDecision } = await import('./commands/store-commands.ts');
    exitCode = await withReceipts(options, () =>
      runDecision({ kind: 'approve', contestId: options.contest, commissionId: options.commission }, options, context),
    );
  });
  act(
    withDb(
      program
        .command('lots')
        .description(t('lotsDescription'))
        .requiredOption('--contest <id>', t('contestOption'))
        .requiredOption('--order <ids>', t('orderOption')),
    ),
  ).action(async (options: DbOptions & { contest: string; order: string }) => {
    const { runDecision } = await import('./commands/store-commands.ts');
    exitCode = await withReceipts(options, () =>
      runDecision(
        { kind: 'lots', contestId: options.contest, order: options.order.split(',').map((id) => id.trim()) },
        options,
        context,
      ),
    );
  });
  act(
    withDb(
      program.command('certify').description(t('certifyDescription')).requiredOption('--body <id>', t('bodyOption')),
    ),
  ).action(async (options: DbOptions & { body: string }) => {
    const { runDecision } = await import('./commands/store-commands.ts');
    exitCode = await withReceipts(options, () =>
      runDecision({ kind: 'certify', bodyId: options.body }, options, context),
    );
  });

  withDb(program.command('nominate').description(t('nominateDescription')).argument('[file]', t('fileArgument')))
    .option('--from-dataset <dir>', t('fromDatasetOption'))
    .action(async (file: string | undefined, options: DbOptions & { fromDataset?: string }) => {
      const { runNominate } = await import('./commands/registration-commands.ts');
      exitCode = await runNominate(file, options, context);
    });
  act(withDb(program.command('register').description(t('registerDescription'))))
    .option('--nomination <ids>', t('nominationOption'))
    .option('--all', t('allNominationsOption'))
    .requiredOption('--on <time>', t('onOption'))
    .option('--calendar <file>', t('calendarOption'))
    .option('--minimum-wage <tenge>', t('minimumWageOption'))
    .action(
      async (
        options: DbOptions & {
          nomination?: string;
          all?: boolean;
          on: string;
          calendar?: string;
          minimumWage?: string;
        },
      ) => {
        const { runRegister } = await import('./commands/registration-commands.ts');
        exitCode = await withReceipts(options, () => runRegister(options, context));
      },
    );
  act(withDb(program.command('withdraw').description(t('withdrawDescription'))))
    .requiredOption('--candidate <id>', t('candidateOption'))
    .requiredOption('--on <time>', t('onOption'))
    .requiredOption('--reason <text>', t('reasonOption'))
    .option('--deregister', t('deregisterOption'))
    .option('--died', t('diedOption'))
    .option('--calendar <file>', t('calendarOption'))
    .action(
      async (
        options: DbOptions & {
          candidate: string;
          on: string;
          reason: string;
          deregister?: boolean;
          died?: boolean;
          calendar?: string;
        },
      ) => {
        const { runWithdraw } = await import('./commands/registration-commands.ts');
        exitCode = await withReceipts(options, () => runWithdraw(options, context));
      },
    );
  act(withDb(program.command('deputies').description(t('deputiesDescription'))))
    .requiredOption('--body <id>', t('bodyOption'))
    .option('--party <id>', t('partyOption'))
    .option('--choose <ids>', t('chooseOption'))
    .option('--vacate <id>', t('vacateOption'))
    .option('--fill <id>', t('fillOption'))
    .option('--reason <text>', t('reasonOption'))
    .option('--deposits', t('depositsOption'))
    .action(
      async (
        options: DbOptions & {
          body: string;
          party?: string;
          choose?: string;
          vacate?: string;
          fill?: string;
          reason?: string;
          deposits?: boolean;
        },
      ) => {
        const { runDeputies } = await import('./commands/registration-commands.ts');
        exitCode = await withReceipts(options, () => runDeputies(options, context));
      },
    );
  withDb(program.command('ballots').description(t('ballotsDescription')))
    .requiredOption('--precinct <id>', t('precinctOption'))
    .option('--html <dir>', t('htmlOption'))
    .action(async (options: DbOptions & { precinct: string; html?: string }) => {
      const { runBallots } = await import('./commands/registration-commands.ts');
      exitCode = await runBallots(options, context);
    });
  withDb(program.command('candidates').description(t('candidatesDescription')))
    .option('--contest <id>', t('contestOption'))
    .action(async (options: DbOptions & { contest?: string }) => {
      const { runCandidates } = await import('./commands/registration-commands.ts');
      exitCode = await runCandidates(options, context);
    });

  program
    .command('whatif')
    .description(t('whatifDescription'))
    .argument('[source]', t('whatifSourceArgument'))
    .option('--rules <name|file>', t('whatifRulesOption'), (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('--contest <id>', t('contestOption'))
    .option('--db <path|url>', t('whatifDbOption'))
    .option('--json', t('jsonOption'))
    .action(async (source: string | undefined, options: DbOptions & { rules?: string[]; contest?: string }) => {
      const { runWhatIf } = await import('./commands/whatif-command.ts');
      exitCode = await runWhatIf(source, { ...options, db: options.db ?? '' }, context);
    });

  // export signs the bundle with the CEC key, so it takes --keys like every database command.
  withDb(program.command('export').description(t('exportDescription')))
    .requiredOption('--format <format>', t('formatOption'))
    .requiredOption('--out <dir>', t('outOption'))
    .action(async (options: DbOptions & { format: string; out: string }) => {
      const { runExport } = await import('./commands/store-commands.ts');
      exitCode = await runExport(options, context);
    });

  withDb(program.command('serve').description(t('serveDescription')))
    .option('--port <n>', t('portOption'))
    .option('--host <address>', t('hostOption'))
    .option('--account-rate <n>', t('accountRateOption'))
    .option('--address-rate <n>', t('addressRateOption'))
    .option('--download-rate <n>', t('downloadRateOption'))
    .option('--trust-proxy <address...>', t('trustProxyOption'))
    .option('--previous-turnout <file>', t('previousTurnoutOption'))
    .action(
      async (
        options: DbOptions & {
          previousTurnout?: string;
          port?: string;
          host?: string;
          accountRate?: string;
          addressRate?: string;
          downloadRate?: string;
          trustProxy?: string[];
        },
      ) => {
        const { runServe } = await import('./commands/store-commands.ts');
        keepHeapLean();
        exitCode = await runServe(options, context);
      },
    );

  program
    .command('demo')
    .description(t('demoDescription'))
    .option('--minutes <n>', t('minutesOption'))
    .option('--all-at-once', t('allAtOnceOption'))
    .option('--port <n>', t('portOption'))
    .option('--dir <dir>', t('demoDirOption'))
    .option('--seed <n>', t('seedOption'))
    .action(async (options: { minutes?: string; allAtOnce?: boolean; port?: string; dir?: string; seed?: string }) => {
      const { runDemo } = await import('./commands/demo-command.ts');
      keepHeapLean();
      exitCode = await runDemo(options, context);
    });

  program
    .command('receipt')
    .description(t('receiptDescription'))
    .command('check')
    .description(t('receiptCheckDescription'))
    .argument('<file>', t('fileArgument'))
    .option('--log <url>', t('receiptLogOption'))
    .option('--bundle <dir>', t('receiptBundleOption'))
    .option('--log-key <vkey>', t('receiptLogKeyOption'))
    .option('--witness <vkey...>', t('witnessOption'))
    .option('--quorum <k>', t('quorumOption'))
    .option('--json', t('jsonOption'))
    .action(async (file: string, options: ReceiptCheckOptions) => {
      const { runReceiptCheck } = await import('./commands/receipt-command.ts');
      exitCode = await runReceiptCheck(file, options, context);
    });

  program
    .command('verify')
    .description(t('verifyDescription'))
    .argument('<dir>', t('directoryArgument'))
    .option('--trust <fingerprint>', t('trustOption'))
    .option('--checkpoint <file...>', t('checkpointOption'))
    .option('--tiles <dir>', t('tilesOption'))
    .option('--witness <vkey...>', t('witnessOption'))
    .option('--quorum <k>', t('quorumOption'))
    .option('--json', t('jsonOption'))
    .action(
      async (
        directory: string,
        options: OutputOptions & {
          trust?: string;
          checkpoint?: string[];
          tiles?: string;
          witness?: string[];
          quorum?: string;
        },
      ) => {
        const { runVerify } = await import('./commands/verify-command.ts');
        exitCode = await runVerify(directory, options, context);
      },
    );

  // Witnesses (docs/witness.md): follow a log and cosign it, make a witness key, check evidence, register a witness.
  const witness = program
    .command('witness')
    .description(t('witnessDescription'))
    .option('--log <url>', t('witnessLogOption'))
    .option('--key <file>', t('witnessKeyOption'))
    .option('--state <dir>', t('witnessStateOption'))
    .option('--log-key <vkey>', t('witnessLogKeyOption'))
    .option('--trust <fingerprint>', t('witnessTrustOption'))
    .option('--once', t('witnessOnceOption'))
    .option('--interval <seconds>', t('witnessIntervalOption'))
    .option('--listen <host:port>', t('witnessListenOption'))
    .option('--json', t('jsonOption'))
    .action(async (options: WitnessOptions) => {
      const { runWitness } = await import('./commands/witness-command.ts');
      exitCode = await runWitness(options, context);
    });
  // Commander gives an option `witness` also has (--log-key, --json) to `witness`, wherever it is written.
  const sharedWithWitness = (): { logKey?: string; json?: boolean } => {
    const { logKey, json } = witness.opts<{ logKey?: string; json?: boolean }>();
    return { ...(logKey === undefined ? {} : { logKey }), ...(json === undefined ? {} : { json }) };
  };
  witness
    .command('keygen')
    .description(t('witnessKeygenDescription'))
    .requiredOption('--name <name>', t('witnessNameOption'))
    .requiredOption('--out <file>', t('outOption'))
    .option('--json', t('jsonOption'))
    .action(async (options: { name: string; out: string; json?: boolean }) => {
      const { runWitnessKeygen } = await import('./commands/witness-command.ts');
      exitCode = runWitnessKeygen({ ...sharedWithWitness(), ...options }, context);
    });
  witness
    .command('check-evidence')
    .description(t('witnessCheckEvidenceDescription'))
    .argument('<dir>', t('witnessStateOption'))
    .option('--log-key <vkey>', t('witnessLogKeyOption'))
    .option('--json', t('jsonOption'))
    .action(async (directory: string, options: { logKey?: string; json?: boolean }) => {
      const { runCheckEvidence } = await import('./commands/witness-command.ts');
      exitCode = runCheckEvidence(directory, { ...sharedWithWitness(), ...options }, context);
    });
  withDb(witness.command('register').description(t('witnessRegisterDescription')))
    .requiredOption('--organisation <name>', t('witnessOrganisationOption'))
    .requiredOption('--verifier-key <vkey|file>', t('witnessVerifierKeyOption'))
    .action(async (options: DbOptions & { organisation: string; verifierKey: string }) => {
      const { runWitnessRegister } = await import('./commands/witness-command.ts');
      // `--key` here is the CEC's key file, though `witness` reads it first as the witness's own.
      const key = options.key ?? witness.opts<{ key?: string }>().key;
      exitCode = await runWitnessRegister(
        { ...options, ...(key === undefined ? {} : { key }), json: options.json ?? sharedWithWitness().json },
        context,
      );
    });
  withDb(witness.command('deregister').description(t('witnessDeregisterDescription')))
    .requiredOption('--verifier-key <vkey|file>', t('witnessVerifierKeyOption'))
    .requiredOption('--reason <text>', t('accountReasonOption'))
    .action(async (options: DbOptions & { verifierKey: string; reason: string }) => {
      const { runWitnessDeregister } = await import('./commands/witness-command.ts');
      const key = options.key ?? witness.opts<{ key?: string }>().key;
      exitCode = await runWitnessDeregister(
        { ...options, ...(key === undefined ? {} : { key }), json: options.json ?? sharedWithWitness().json },
        context,
      );
    });

  program
    .command('rules')
    .description(t('rulesDescription'))
    .argument('[name]', t('ruleSetArgument'))
    .option('--json', t('jsonOption'))
    .action(async (name: string | undefined, options: OutputOptions) => {
      const { runRulesCommand } = await import('./commands/rules.ts');
      exitCode = runRulesCommand(name, options, context);
    });

  program
    .command('forecast')
    .description(t('forecastDescription'))
    .argument('<polls>', t('forecastPollsArgument'))
    .option('--previous <dir|file>', t('forecastPreviousOption'))
    .option('--db <path|url>', t('forecastDbOption'))
    .option('--simulations <n>', t('simulationsOption'))
    .option('--seed <n>', t('forecastSeedOption'))
    .option('--as-of <date>', t('asOfOption'))
    .option('--json', t('jsonOption'))
    .addHelpText(
      'after',
      '\nExample: saylau forecast data/polls/2023-public-opinion.json --json\nPOLLS: { "electionDate"?, "assumptions"?, "polls": [{ "pollster", "fieldworkStart", "fieldworkEnd", "sampleSize", "shares": { list: % }, "againstAll"?, "undecided"? }] } or CSV: pollster,fieldworkStart,fieldworkEnd,sampleSize,againstAll,undecided,<list ids…>',
    )
    .action(async (polls: string, options: ForecastOptions) => {
      const { runForecast } = await import('./commands/forecast-command.ts');
      exitCode = await runForecast(polls, options, context);
    });

  program
    .command('forensics')
    .description(t('forensicsDescription'))
    .argument('[source]', t('forensicsSourceArgument'))
    .option('--map <file>', t('mapOption'))
    .option('--contest <id>', t('forensicsContestOption'))
    .option('--db <path|url>', t('forensicsDbOption'))
    .option('--runs <n>', t('runsOption'))
    .option('--seed <n>', t('forensicsSeedOption'))
    .option('--json', t('jsonOption'))
    .addHelpText(
      'after',
      '\nExample: saylau forensics ../shared/data/ru/duma-2016-stations.csv.zip --map data/mappings/ru-cec.json --json',
    )
    .action(async (source: string | undefined, options: ForensicsOptions) => {
      const { runForensics } = await import('./commands/forensics-command.ts');
      exitCode = await runForensics(source, options, context);
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      reportDefect(error, { json: args.includes('--json') }, context);
      return 2;
    }
    // Help and version "errors" are commander's way of saying it printed what was asked.
    if (error.exitCode === 0) return 0;
    // `help nosuch` shows the general help with exit code 1; say what was wrong instead.
    const detail =
      error.code === 'commander.help'
        ? `unknown command '${args[args.indexOf('help') + 1] ?? ''}'`
        : error.message.replace(/^error: /, '');
    reportInputError({ code: 'CLI_USAGE', field: '', params: { detail } }, { json: args.includes('--json') }, context);
    return 1;
  }
  return exitCode;
}
