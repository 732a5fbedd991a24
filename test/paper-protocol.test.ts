import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PAPER_PROTOCOL_PATH, servePaperProtocol } from '../src/cli/demo-paper-protocol.ts';
import { paperProtocolHtml, paperProtocols, paperProtocolText } from '../src/export/paper-protocol.ts';
import { assertDefined } from '../src/law/assert.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';

const { election, protocols } = tinyElection().dataset;
const stationId = TINY.cityStations[0];
const station = assertDefined(election.stations.find((s) => s.id === stationId));
const list = assertDefined(election.contests.find((c) => c.id === TINY.majilisList));
const listProtocol = assertDefined(
  protocols.find((p) => p.stationId === stationId && p.contestId === TINY.majilisList),
);

describe("the demo's paper protocol of the open station", () => {
  it('every contest of the station, every line numbered as on the form, the parties from row 10 in ballot order', () => {
    const forms = paperProtocols(election, stationId, protocols, 'kk');
    expect(forms.map((form) => form.contestId)).toEqual(station.contests);
    const form = assertDefined(forms.find((f) => f.contestId === TINY.majilisList));
    expect(form.rows.map((row) => row.number)).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      ...list.options.map((_, index) => String(10 + index)),
      ...['A', 'L', 'U'],
    ]);
    const parties = list.options.map((o) => assertDefined(election.parties.find((p) => p.id === o.id)).name.kk);
    expect(form.rows.slice(9, 9 + parties.length).map((row) => row.label)).toEqual(parties);
    expect(form.rows.slice(9, 9 + parties.length).map((row) => row.value)).toEqual(
      list.options.map((o) => listProtocol.votes[o.id]),
    );
    expect(form.rows[8]).toEqual({ number: '9', label: 'Жарамсыз бюллетеньдер', value: listProtocol.lines.invalid });
  });

  it('as text in the chosen language and as a printable page served by the demo', async () => {
    const text = paperProtocolText(stationId, paperProtocols(election, stationId, protocols, 'ru'), 'ru');
    expect(text).toContain(`Избирательный участок ${stationId}`);
    expect(text).toMatch(new RegExp(`\\n {2} 9 {2}Недействительные бюллетени +${listProtocol.lines.invalid}\\n`));
    const app = Fastify();
    servePaperProtocol(app, election, stationId, protocols, 'kk');
    const page = await app.inject({ method: 'GET', url: `${PAPER_PROTOCOL_PATH}?lang=en` });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Invalid ballots');
    expect((await app.inject({ method: 'GET', url: PAPER_PROTOCOL_PATH })).body).toContain('Жарамсыз бюллетеньдер');
    await app.close();
  });

  it('names are escaped on the page', () => {
    const html = paperProtocolHtml(
      '<S>',
      [{ contestId: 'c', title: 'a & b', rows: [{ number: '10', label: '<script>', value: 1 }] }],
      'en',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});
