import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv.ts';
import { stationsFromCsv } from './csv-records.ts';
import { resolveMapping, stationMappingSchema } from './mapping.ts';
import { looksLikeZip, zipEntries, zipEntryData } from './zip.ts';
import { assertDefined } from '../../law/assert.ts';

/** A minimal zip writer for the tests: local headers with a data descriptor flag, as streaming writers make them. */
function zip(files: readonly { name: string; data: Buffer; method: 0 | 8 }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const body = file.method === 8 ? deflateRawSync(file.data) : file.data;
    const name = Buffer.from(file.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0x808, 6); // data descriptor + UTF-8; sizes left 0 here
    local.writeUInt16LE(file.method, 8);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x808, 8);
    central.writeUInt16LE(file.method, 10);
    central.writeUInt32LE(crc32(file.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('zip reader', () => {
  it('reads stored and deflated entries from the central directory and checks their CRC', () => {
    const text = Buffer.from('region,uik\nАдыгея,1\n'.repeat(100));
    const archive = zip([
      { name: 'notes.txt', data: Buffer.from('hi'), method: 0 },
      { name: '2016.csv', data: text, method: 8 },
    ]);
    expect(looksLikeZip(archive)).toBe(true);
    const entries = zipEntries(archive);
    expect(entries.ok && entries.value.map((e) => e.name)).toEqual(['notes.txt', '2016.csv']);
    if (!entries.ok) return;
    const csv = zipEntryData(archive, entries.value[1] as (typeof entries.value)[number]);
    expect(csv.ok && csv.value.equals(text)).toBe(true);
    const damaged = Buffer.from(archive);
    damaged[30 + 9 + 2 + 40] = assertDefined(damaged[30 + 9 + 2 + 40]) ^ 0xff;
    expect(zipEntryData(damaged, entries.value[1] as (typeof entries.value)[number]).ok).toBe(false);
    expect(zipEntries(Buffer.from('not a zip at all, just some text')).ok).toBe(false);
    expect(looksLikeZip(Buffer.from('region,uik'))).toBe(false);
  });
});

describe('CSV', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and a BOM', () => {
    const rows: string[][] = [];
    parseCsv('\uFEFFa,"b, ""c""",d\r\n1,"x\ny",\n', ',', (cells) => rows.push(cells));
    expect(rows).toEqual([
      ['a', 'b, "c"', 'd'],
      ['1', 'x\ny', ''],
    ]);
  });
});

const mapping = stationMappingSchema.parse(
  JSON.parse(readFileSync(new URL('../../../data/mappings/ru-cec.json', import.meta.url), 'utf8')),
);

/** Headers of the two published years, as the files have them. */
const HEADER_2016 =
  'region,oik,tik,uik,"Число избирателей, внесенных в список избирателей на момент окончания голосования","Число избирательных бюллетеней, полученных участковой избирательной комиссией","Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно","Число избирательных бюллетеней, выданных в помещении для голосования в день голосования","Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",Число погашенных избирательных бюллетеней,"Число избирательных бюллетеней, содержащихся в переносных ящиках для голосования","Число избирательных бюллетеней, содержащихся в стационарных ящиках для голосования",Число недействительных избирательных бюллетеней,Число действительных избирательных бюллетеней,"Число открепительных удостоверений, полученных участковой избирательной комиссией","Число избирателей, проголосовавших по открепительным удостоверениям на избирательном участке",Число утраченных избирательных бюллетеней,"Число избирательных бюллетеней, не учтенных при получении","1. Партия ""А""","2. Партия ""Б""",url';
const HEADER_2018 =
  'region,tik,uik,"Число избирателей, включенных в список избирателей","Число избирательных бюллетеней, полученных участковой избирательной комиссией","Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно","Число избирательных бюллетеней, выданных в помещении для голосования в день голосования","Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",Число погашенных избирательных бюллетеней,Число избирательных бюллетеней в переносных ящиках для голосования,Число бюллетеней в стационарных ящиках для голосования,Число недействительных избирательных бюллетеней,Число действительных избирательных бюллетеней,Число утраченных избирательных бюллетеней,"Число избирательных бюллетеней, не учтенных при получении",Иванов Иван,Петров Пётр,url';

describe('the Russian CEC mapping', () => {
  it('finds every line in the 2016 header and in the 2018 one, early ballots in line 3', () => {
    for (const header of [HEADER_2016, HEADER_2018]) {
      const cells: string[][] = [];
      parseCsv(header, ',', (row) => cells.push(row));
      const resolved = resolveMapping(mapping, assertDefined(cells[0]));
      expect(resolved.ok, header.slice(0, 30)).toBe(true);
      if (!resolved.ok) continue;
      expect(resolved.value.lines.issuedInPremises).toHaveLength(2);
      expect(resolved.value.options).toHaveLength(2);
      expect(Object.keys(resolved.value.lines).sort()).toEqual(
        [
          'ballotsReceived',
          'cancelled',
          'foundMobile',
          'foundStationary',
          'invalid',
          'issuedInPremises',
          'issuedOutside',
          'lost',
          'unaccounted',
          'votersOnList',
          ...(header === HEADER_2016 ? ['absentee'] : []),
        ].sort(),
      );
    }
  });

  it('turns rows into stations and checks the relations the source can express', () => {
    // 2018 layout: list 1000; received 900 = early 10 + premises 590 + outside 50 + cancelled 250; boxes 50 + 600;
    // invalid 10, valid 640.
    const good = 'Адыгея,1 Адыгейская,1,1000,900,10,590,50,250,50,600,10,640,0,0,400,240,http://x';
    const broken = 'Адыгея,1 Адыгейская,2,1000,900,10,590,50,250,50,600,10,640,0,0,400,230,http://x';
    const result = stationsFromCsv(`${HEADER_2018}\n${good}\n${broken}\n`, mapping);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second] = result.value.stations;
    expect(first).toMatchObject({
      id: 'Адыгея / 1 Адыгейская / 1',
      district: 'Адыгея / 1 Адыгейская',
      votersOnList: 1000,
      issued: 650,
      found: 650,
      invalid: 10,
      votes: { 'Иванов Иван': 400, 'Петров Пётр': 240 },
      findings: [],
    });
    expect(second?.findings).toEqual([{ code: 'PROTOCOL_VOTE_BALANCE', severity: 'error' }]);
    expect(result.value.knownLines).not.toContain('5');
  });

  it('refuses a bad cell, a short row and a mapping that matches nothing, each with its code', () => {
    const bad = stationsFromCsv(
      `${HEADER_2018}\nАдыгея,1,1,1000,x,10,590,50,250,50,600,10,640,0,0,400,240,u\n`,
      mapping,
    );
    expect(!bad.ok && bad.error).toMatchObject({ code: 'FORENSICS_CSV_BAD_VALUE', params: { row: 2, value: 'x' } });
    const short = stationsFromCsv(`${HEADER_2018}\nАдыгея,1,1\n`, mapping);
    expect(!short.ok && short.error.code).toBe('FORENSICS_CSV_ROW_LENGTH');
    const missing = stationsFromCsv('region,tik,uik,votes\n', mapping);
    expect(!missing.ok && missing.error).toMatchObject({
      code: 'FORENSICS_MAPPING_COLUMN_MISSING',
      field: 'lines.votersOnList[0]',
    });
    const header: string[][] = [];
    parseCsv(HEADER_2018, ',', (row) => header.push(row));
    const twice = resolveMapping(
      { ...mapping, lines: { ...mapping.lines, cancelled: ['избирательных бюллетеней'] } },
      assertDefined(header[0]),
    );
    expect(!twice.ok && twice.error.code).toBe('FORENSICS_MAPPING_AMBIGUOUS');
    const pattern = resolveMapping({ ...mapping, options: { exclude: ['('] } }, assertDefined(header[0]));
    expect(!pattern.ok && pattern.error.code).toBe('FORENSICS_MAPPING_BAD_PATTERN');
  });
});
