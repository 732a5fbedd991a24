import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExport } from '../src/export/build-export.ts';
import { exportInput } from '../src/export/test-helpers.ts';
import { bearer, testServer } from './server-harness.ts';
import { signedInject } from './signing-fixture.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

// NIST SP 1500-100 ERR v2, as published, read from ../shared (never copied into the repository).
const schemaPath = join(
  process.env.SAYLAU_SHARED ?? new URL('../../shared', import.meta.url).pathname,
  'standards',
  'nist-err-v2.schema.json',
);

type Validate = ((document: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validate: Validate;

/** Every error of the validator, one per line, so that a failure shows them all. */
function errorsOf(document: unknown): string[] {
  const ok = validate(document);
  const errors = validate.errors ?? [];
  expect(ok).toBe(errors.length === 0);
  return errors.map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)} (${error.schemaPath})`,
  );
}

beforeAll(() => {
  expect(existsSync(schemaPath), schemaPath).toBe(true);
  // A CommonJS module: under NodeNext its default import is module.exports, whose `default` is the class.
  const ajv = new Ajv.default({ allErrors: true, strict: true });
  // The schema's own annotation on id references; not a validation keyword.
  ajv.addKeyword({ keyword: 'refTypes', schemaType: 'array' });
  // The formats it uses, as RFC 3339 and RFC 3986 define them (ajv-formats is not a dependency).
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addFormat(
    'date-time',
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i,
  );
  ajv.addFormat('time', /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object) as Validate;
});

describe('NIST ERR v2 export against the published schema (../shared/standards)', () => {
  // The tiny election has every kind of body and contest the national one has (test/fixtures/tiny-election.ts).
  it('the whole election, all protocols in: summary-contest report', () => {
    const document = JSON.parse(buildExport({ format: 'nist-err', ...exportInput() }).files[0]?.content ?? '') as {
      Status: string;
      Election: { Contest: unknown[] }[];
    };
    expect(document.Status).toBe('unofficial-complete');
    expect(document.Election[0]?.Contest.length).toBe(tinyElection().dataset.election.contests.length);
    expect(errorsOf(document)).toEqual([]);
  }, 120_000);

  it('partial results of two regions and abroad: precinct-level report', () => {
    const document = JSON.parse(
      buildExport({
        format: 'nist-err-precinct',
        ...exportInput((protocol) => /^(KZ-35|KZ-71|ABROAD)\//.test(protocol.stationId)),
      }).files[0]?.content ?? '',
    ) as { Status: string; Format: string };
    expect([document.Status, document.Format]).toEqual(['unofficial-partial', 'precinct-level']);
    expect(errorsOf(document)).toEqual([]);
  }, 120_000);

  it('the export downloaded from the HTTP API, after protocols arrived through it', async () => {
    const [engine] = engines();
    const { dataset } = tinyElection();
    const { server, store, keyring } = await testServer(engine!, [
      { username: 'admin', role: 'administrator', commission: null },
    ]);
    try {
      const token = await bearer(server, 'admin');
      const protocols = dataset.protocols.filter((protocol) => protocol.stationId.startsWith('KZ-71/'));
      // Signed by the administrator's own key, as a client holding it does (docs/server.md, "Signing in the client").
      const imported = await signedInject(
        server,
        { method: 'POST', url: '/api/protocols/import', headers: { authorization: token }, payload: { protocols } },
        keyring.users.get('admin')!,
      );
      expect(imported.json()).toMatchObject({ accepted: protocols.length });
      await server.live.changed();
      for (const url of ['/api/exports/nist-err.json', '/api/exports/nist-err-precinct.json']) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        const document = JSON.parse(response.body) as { Status: string };
        expect(document.Status).toBe('unofficial-partial');
        expect(errorsOf(document), url).toEqual([]);
      }
    } finally {
      await server.close();
      await store.close();
    }
  }, 180_000);

  it('the validator does refuse what the schema forbids, and names each problem', () => {
    const document = JSON.parse(
      buildExport({ format: 'nist-err', ...exportInput((protocol) => protocol.stationId.startsWith('ABROAD/')) })
        .files[0]?.content ?? '',
    ) as Record<string, unknown>;
    delete document.Issuer;
    document.Status = 'final';
    const errors = errorsOf(document);
    expect(errors.some((error) => error.includes('Issuer'))).toBe(true);
    expect(errors.some((error) => error.startsWith('/Status'))).toBe(true);
  }, 120_000);
});
