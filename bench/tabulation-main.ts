// Runs the tabulation benchmark in a process of its own, so that the heap left by the other
// benchmarks does not slow it; bench/run.ts reads the JSON it prints.
import { readFileSync } from 'node:fs';
import { datasetTexts } from '../src/dataset/files.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { benchTabulation } from './tabulation.ts';

const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
// The dataset goes through its files' text, so that the generator's objects are gone before timing.
const texts = (() => {
  const dataset = generateDataset({ data, names, seed: 2023 });
  return datasetTexts(dataset.election, dataset.protocols);
})();
process.stdout.write(`${JSON.stringify(await benchTabulation({ electionText: texts.election, protocolsText: texts.protocols }))}\n`);
