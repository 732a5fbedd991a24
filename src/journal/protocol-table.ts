import type { Protocol } from '../model/protocol.ts';
import type { ProjectedProtocol } from './projection.ts';

/** What a projection needs of its current protocols, by `protocolKeyOf`: a Map serves, or a `ProtocolTable`. */
export interface ProtocolMap extends Iterable<[string, ProjectedProtocol]> {
  readonly size: number;
  get(key: string): ProjectedProtocol | undefined;
  has(key: string): boolean;
  set(key: string, row: ProjectedProtocol): unknown;
  delete(key: string): boolean;
  values(): IterableIterator<ProjectedProtocol>;
}

/** The keys of a protocol's lines and votes in the order of its text; shared by the protocols that have them. */
interface Layout {
  readonly name: string;
  /** Columns of this layout: a layout no column has is forgotten, so that a hostile journal cannot pile them up. */
  columns: number;
  readonly lines: readonly string[];
  readonly votes: readonly string[];
  /** `"key":` for each line then each vote, with the comma before every one but the first of its object. */
  readonly prefixes: readonly string[];
}

const VERSION = 1;
const FIRST_COUNT = 2;
const MAXIMUM_HELD = 0xffff_ffff;
/** Columns of one contest: its options as defined and as registration changed them, with room to spare. */
const MAXIMUM_LAYOUTS = 4;

/** One contest's protocols of one layout: a row of numbers per station (event seq, version, lines, votes). */
class Column {
  readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private numbers: Uint32Array;
  readonly width: number;

  constructor(
    readonly contestId: string,
    readonly layout: Layout,
  ) {
    this.width = FIRST_COUNT + layout.lines.length + layout.votes.length;
    this.numbers = new Uint32Array(this.width * 8);
  }

  put(stationId: string, row: readonly number[]): number {
    let slot = this.slotOf.get(stationId) ?? this.free.pop();
    if (slot === undefined) {
      slot = this.slotOf.size;
      if ((slot + 1) * this.width > this.numbers.length) {
        const grown = new Uint32Array(this.numbers.length * 2);
        grown.set(this.numbers);
        this.numbers = grown;
      }
    }
    this.numbers.set(row, slot * this.width);
    this.slotOf.set(stationId, slot);
    return slot;
  }

  remove(stationId: string): boolean {
    const slot = this.slotOf.get(stationId);
    if (slot === undefined) return false;
    this.slotOf.delete(stationId);
    this.free.push(slot);
    return true;
  }

  row(stationId: string, slot: number): ProjectedProtocol {
    const at = slot * this.width;
    return {
      stationId,
      contestId: this.contestId,
      version: this.numbers[at + VERSION] as number,
      content: this.text(stationId, at),
      eventSeq: this.numbers[at] as number,
    };
  }

  /** The canonical text (src/model/canonical-json.ts): keys sorted, so contestId, lines, stationId, version, votes. */
  private text(stationId: string, at: number): string {
    const { lines, prefixes } = this.layout;
    let text = `{"contestId":${JSON.stringify(this.contestId)},"lines":{`;
    for (let i = 0; i < prefixes.length; i++) {
      if (i === lines.length)
        text += `},"stationId":${JSON.stringify(stationId)},"version":${this.numbers[at + VERSION]},"votes":{`;
      text += `${prefixes[i]}${this.numbers[at + FIRST_COUNT + i]}`;
    }
    if (prefixes.length === lines.length)
      text += `},"stationId":${JSON.stringify(stationId)},"version":${this.numbers[at + VERSION]},"votes":{`;
    return `${text}}}`;
  }

  protocol(stationId: string, slot: number): Protocol {
    const at = slot * this.width;
    const { lines, votes } = this.layout;
    const counts = (keys: readonly string[], from: number): Record<string, number> => {
      const record: Record<string, number> = {};
      for (let i = 0; i < keys.length; i++) record[keys[i] as string] = this.numbers[at + from + i] as number;
      return record;
    };
    // The ids and lines are those of a protocol the journal accepted, held as they came.
    return {
      contestId: this.contestId as Protocol['contestId'],
      lines: counts(lines, FIRST_COUNT) as Protocol['lines'],
      stationId: stationId as Protocol['stationId'],
      version: this.numbers[at + VERSION] as number,
      votes: counts(votes, FIRST_COUNT + lines.length),
    };
  }
}

const heldNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAXIMUM_HELD;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((key, i) => key === b[i]);

function countsOf(record: unknown): [string[], number[]] | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const keys = Object.keys(record);
  // Assigning `__proto__` would not make a key of the parsed protocol: such a row is kept as its text.
  if (keys.includes('__proto__')) return null;
  const values = Object.values(record);
  return values.every(heldNumber) ? [keys, values] : null;
}

/**
 * The current protocols of a replay or of the server's live results, held as numbers: a row of a Uint32Array per
 * protocol, in a column of its contest and of its keys. Written by hand, not a Map of texts, for memory: the texts
 * and their objects took about 560 bytes a protocol, 270 MB of the heap for the 495,000 protocols of ten times
 * Kazakhstan (docs/scale.md); a row takes a tenth of that. It answers as a Map of rows would, except that it
 * iterates by contest, not in the order of insertion; that each `get` makes a new row object; and that a row set again
 * while the table is iterated may be met again (no caller writes while it iterates).
 *
 * A row is kept as numbers only when the text rebuilt from them is byte for byte the one given; any other (a count
 * past 2^32 − 1, keys in another order, a key not `protocolKeyOf` its station and contest) is kept as it came. So is
 * a row of a contest that has MAXIMUM_LAYOUTS columns already: a hostile journal giving each protocol of a contest
 * other keys would otherwise make every lookup search as many columns.
 */
export class ProtocolTable implements ProtocolMap {
  private readonly columns = new Map<string, Column[]>();
  private readonly layouts = new Map<string, Layout>();
  private readonly asGiven = new Map<string, ProjectedProtocol>();
  private held = 0;

  get size(): number {
    return this.held + this.asGiven.size;
  }

  get(key: string): ProjectedProtocol | undefined {
    const found = this.find(key);
    return found === undefined ? this.asGiven.get(key) : found.column.row(found.stationId, found.slot);
  }

  has(key: string): boolean {
    return this.find(key) !== undefined || this.asGiven.has(key);
  }

  /** One protocol, parsed: what `JSON.parse(get(key).content)` would give, without the text. */
  protocol(key: string): Protocol | undefined {
    const found = this.find(key);
    if (found !== undefined) return found.column.protocol(found.stationId, found.slot);
    const row = this.asGiven.get(key);
    return row === undefined ? undefined : (JSON.parse(row.content) as Protocol);
  }

  set(key: string, row: ProjectedProtocol): this {
    this.delete(key);
    if (!this.hold(key, row)) this.asGiven.set(key, row);
    return this;
  }

  delete(key: string): boolean {
    const found = this.find(key);
    if (found === undefined) return this.asGiven.delete(key);
    found.column.remove(found.stationId);
    this.held -= 1;
    this.dropIfEmpty(found.column);
    return true;
  }

  *entries(): IterableIterator<[string, ProjectedProtocol]> {
    for (const columns of this.columns.values())
      for (const column of columns)
        for (const [stationId, slot] of column.slotOf)
          yield [`${stationId} ${column.contestId}`, column.row(stationId, slot)];
    yield* this.asGiven.entries();
  }

  *values(): IterableIterator<ProjectedProtocol> {
    for (const [, row] of this.entries()) yield row;
  }

  [Symbol.iterator](): IterableIterator<[string, ProjectedProtocol]> {
    return this.entries();
  }

  private find(key: string): { column: Column; stationId: string; slot: number } | undefined {
    const space = key.indexOf(' ');
    if (space < 0) return undefined;
    const stationId = key.slice(0, space);
    for (const column of this.columns.get(key.slice(space + 1)) ?? []) {
      const slot = column.slotOf.get(stationId);
      if (slot !== undefined) return { column, stationId, slot };
    }
    return undefined;
  }

  /** Holds a row as numbers if its text can be rebuilt from them exactly; false, and nothing held, if not. */
  private hold(key: string, row: ProjectedProtocol): boolean {
    if (key !== `${row.stationId} ${row.contestId}` || row.stationId.includes(' ')) return false;
    let parsed: { lines?: unknown; votes?: unknown; version?: unknown };
    try {
      parsed = JSON.parse(row.content) as typeof parsed;
    } catch {
      return false;
    }
    const lines = countsOf(parsed.lines);
    const votes = countsOf(parsed.votes);
    if (lines === null || votes === null || !heldNumber(parsed.version) || !heldNumber(row.eventSeq)) return false;
    if (parsed.version !== row.version) return false;
    const column = this.columnOf(row.contestId, lines[0], votes[0]);
    if (column === undefined) return false;
    const slot = column.put(row.stationId, [row.eventSeq, row.version, ...lines[1], ...votes[1]]);
    if (column.row(row.stationId, slot).content === row.content) {
      this.held += 1;
      return true;
    }
    column.remove(row.stationId);
    this.dropIfEmpty(column);
    return false;
  }

  private columnOf(contestId: string, lines: readonly string[], votes: readonly string[]): Column | undefined {
    const columns = this.columns.get(contestId) ?? [];
    // Compared key by key: a name made for every row would be work on the path of every protocol.
    const found = columns.find(({ layout }) => sameKeys(layout.lines, lines) && sameKeys(layout.votes, votes));
    if (found !== undefined) return found;
    if (columns.length >= MAXIMUM_LAYOUTS) return undefined;
    const name = JSON.stringify([lines, votes]);
    let layout = this.layouts.get(name);
    if (layout === undefined) {
      const quoted = (keys: readonly string[]) => keys.map((key, i) => `${i === 0 ? '' : ','}${JSON.stringify(key)}:`);
      layout = { name, columns: 0, lines, votes, prefixes: [...quoted(lines), ...quoted(votes)] };
      this.layouts.set(name, layout);
    }
    const column = new Column(contestId, layout);
    layout.columns += 1;
    columns.push(column);
    this.columns.set(contestId, columns);
    return column;
  }

  /** A column that holds no row any more is dropped, and its layout with it when no other column has it. */
  private dropIfEmpty(column: Column): void {
    if (column.slotOf.size > 0) return;
    const columns = this.columns.get(column.contestId) ?? [];
    columns.splice(columns.indexOf(column), 1);
    if (columns.length === 0) this.columns.delete(column.contestId);
    column.layout.columns -= 1;
    if (column.layout.columns === 0) this.layouts.delete(column.layout.name);
  }
}
