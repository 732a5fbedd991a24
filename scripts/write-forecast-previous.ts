import { readFileSync, writeFileSync } from 'node:fs';
import { previousFromDataset } from '../src/analysis/forecast/previous-2023.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';

/**
 * Writes data/previous/majilis-2023.json, the forecast's default previous election: the Majilis
 * contests of the generated 2023 dataset (seed 2023), compact. A test checks the file is current.
 */
const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
const previous = previousFromDataset(generateDataset({ data, names, seed: 2023 }));
writeFileSync(new URL('../data/previous/majilis-2023.json', import.meta.url), `${JSON.stringify(previous, null, 1)}\n`);
