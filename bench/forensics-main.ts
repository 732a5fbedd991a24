import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseForensics } from '../src/analysis/forensics/analyse.ts';
import { recordsFromProtocols } from '../src/analysis/forensics/from-protocols.ts';
import type { StationRecord } from '../src/analysis/forensics/station-record.ts';
import { parseCsv } from '../src/analysis/forensics-sources/csv.ts';
import { loadCsv } from '../src/analysis/forensics-sources/load-source.ts';
import { zipEntries, zipEntryData } from '../src/analysis/forensics-sources/zip.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';

/**
 * Forensics at the scale of a Russian federal election (target: ~97,000 stations imported and
 * analysed ≤ 60 s). With ../shared present it reads the 2016 Duma file through the shipped
 * mapping, beside a baseline of the same run: unzipping the file and splitting it into cells.
 * Without it, the national dataset is repeated ten times (fresh station ids) and the baseline is
 * building those records. Prints one JSON object.
 */
const seconds = (start: bigint): number => Number((Number(process.hrtime.bigint() - start) / 1e9).toFixed(3));
const file =
  process.env.SAYLAU_SHARED === undefined
    ? new URL('../../shared/data/ru/duma-2016-stations.csv.zip', import.meta.url).pathname
    : join(process.env.SAYLAU_SHARED, 'data', 'ru', 'duma-2016-stations.csv.zip');

let result: Record<string, number | string>;
if (existsSync(file)) {
  let start = process.hrtime.bigint();
  const archive = readFileSync(file);
  const entries = zipEntries(archive);
  if (!entries.ok) throw new Error(entries.error);
  const data = zipEntryData(archive, entries.value[0] as (typeof entries.value)[number]);
  if (!data.ok) throw new Error(data.error);
  let cells = 0;
  parseCsv(data.value.toString('utf8'), ',', (row) => (cells += row.length));
  const baselineSeconds = seconds(start);

  start = process.hrtime.bigint();
  const input = loadCsv(file, new URL('../data/mappings/ru-cec.json', import.meta.url).pathname);
  if (!input.ok) throw new Error(JSON.stringify(input.error));
  const importSeconds = seconds(start);
  start = process.hrtime.bigint();
  const report = analyseForensics(input.value.stations, input.value.options);
  const analyseSeconds = seconds(start);
  result = {
    source: 'duma-2016-stations.csv.zip',
    stations: input.value.stations.length,
    cells,
    importSeconds,
    analyseSeconds,
    totalSeconds: Number((importSeconds + analyseSeconds).toFixed(3)),
    targetSeconds: 60,
    baselineUnzipAndSplitSeconds: baselineSeconds,
    importRatioToBaseline: Number((importSeconds / baselineSeconds).toFixed(2)),
    totalRatioToBaseline: Number(((importSeconds + analyseSeconds) / baselineSeconds).toFixed(2)),
    monteCarloRuns: report.integerPercent.runs,
    peakResidentMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
} else {
  const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
  const dataset = generateDataset({ data, names, seed: 2023 });
  let start = process.hrtime.bigint();
  const records = recordsFromProtocols(dataset.election, dataset.protocols, 'majilis/list');
  if (records === null) throw new Error('no majilis/list');
  const stations: StationRecord[] = [];
  for (let copy = 0; copy < 10; copy++)
    for (const station of records.stations)
      stations.push({ ...station, id: `${copy}/${station.id}`, district: `${copy}/${station.district}` });
  const buildSeconds = seconds(start);
  start = process.hrtime.bigint();
  const report = analyseForensics(stations, records.options);
  const analyseSeconds = seconds(start);
  result = {
    source: 'generated seed 2023 × 10',
    stations: stations.length,
    analyseSeconds,
    targetSeconds: 60,
    baselineBuildRecordsSeconds: buildSeconds,
    analyseRatioToBaseline: Number((analyseSeconds / buildSeconds).toFixed(2)),
    monteCarloRuns: report.integerPercent.runs,
    peakResidentMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
