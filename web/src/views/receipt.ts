import { get } from '../api.ts';
import { h, replace, s } from '../dom.ts';
import { formatCount, formatTime, language, type Language, nameOf, t, type TextKey } from '../i18n.ts';
import type { StationPage } from '../types.ts';
import './receipt.css';

/**
 * The receipt of each accepted act (docs/receipts.md): the server answers every act with one C2SP
 * tlog-proof per journal event it appended; api.ts announces them (`saylau:receipts`) and the
 * console shows them here — the event's index in the log, its leaf hash with a QR code, the
 * checkpoint that includes it — to save as a `.tlog-proof` file or print and keep with the paper
 * protocol. The proof itself is checked by `saylau receipt check`, not by the page that received it.
 */

/** The words of this panel and of the printed receipt, in the site's three languages. */
const WORDS = {
  title: { kk: 'Түбіртек', ru: 'Квитанция', en: 'Receipt' },
  intro: {
    kk: 'Әрекет сайлау журналына жазылды. Түбіртекті сақтаңыз немесе басып шығарып, қағаз хаттамамен бірге сақтаңыз: кейін кез келген адам журналда дәл осы жазбаның әлі де тұрғанын тексере алады.',
    ru: 'Действие записано в журнал выборов. Сохраните квитанцию или распечатайте её и храните вместе с бумажным протоколом: позже любой сможет проверить, что журнал по-прежнему содержит именно эту запись.',
    en: 'The act is recorded in the election journal. Save the receipt, or print it and keep it with the paper protocol: later anyone can check that the journal still holds exactly this record.',
  },
  index: { kk: 'Журналдағы нөмірі', ru: 'Номер в журнале', en: 'Index in the log' },
  leafHash: { kk: 'Жазбаның хэші (SHA-256)', ru: 'Хеш записи (SHA-256)', en: 'Leaf hash (SHA-256)' },
  checkpoint: { kk: 'Бақылау нүктесі', ru: 'Контрольная точка', en: 'Checkpoint' },
  checkpointSize: {
    kk: 'журналдың {size} жазбасы',
    ru: '{size} записей журнала',
    en: '{size} entries of the log',
  },
  origin: { kk: 'Журнал', ru: 'Журнал', en: 'Log' },
  recordedAt: { kk: 'Жазылған уақыты', ru: 'Время записи', en: 'Recorded at' },
  station: { kk: 'Учаске', ru: 'Участок', en: 'Station' },
  contest: { kk: 'Сайлау', ru: 'Выборы', en: 'Contest' },
  commission: { kk: 'Комиссия', ru: 'Комиссия', en: 'Commission' },
  body: { kk: 'Орган', ru: 'Орган', en: 'Body' },
  copy: { kk: 'Көшіру', ru: 'Копировать', en: 'Copy' },
  copied: { kk: 'Көшірілді', ru: 'Скопировано', en: 'Copied' },
  save: { kk: 'Сақтау (.tlog-proof)', ru: 'Сохранить (.tlog-proof)', en: 'Save (.tlog-proof)' },
  print: { kk: 'Басып шығару', ru: 'Печать', en: 'Print' },
  close: { kk: 'Жабу', ru: 'Закрыть', en: 'Close' },
  qr: {
    kk: 'Жазба хэшінің QR коды',
    ru: 'QR-код хеша записи',
    en: 'QR code of the leaf hash',
  },
  noHash: {
    kk: 'хэшті тек қауіпсіз байланыста (HTTPS) есептеуге болады',
    ru: 'хеш вычисляется только при защищённом соединении (HTTPS)',
    en: 'the hash is computed only over a secure connection (HTTPS)',
  },
  printTitle: {
    kk: 'Сайлау журналына жазылған әрекеттің түбіртегі',
    ru: 'Квитанция о действии, записанном в журнал выборов',
    en: 'Receipt of an act recorded in the election journal',
  },
  howToCheck: {
    kk: 'Тексеру: түбіртек файлын сақтап, {command} орындаңыз. Сәтсіздік журналдағы жазбаның өзгертілгенін немесе жойылғанын білдіреді.',
    ru: 'Проверка: сохраните файл квитанции и выполните {command}. Неудача означает, что запись в журнале изменена или удалена.',
    en: 'To check: save the receipt file and run {command}. A failure means the record in the log was changed or removed.',
  },
  unreadable: {
    kk: 'Сервер түбіртекті оқуға келмейтін түрде берді',
    ru: 'Сервер выдал нечитаемую квитанцию',
    en: 'The server gave a receipt that cannot be read',
  },
} as const satisfies Record<string, Record<Language, string>>;

function word(key: keyof typeof WORDS, params: Readonly<Record<string, string>> = {}): string {
  return WORDS[key][language()].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A receipt as the page reads it: the C2SP tlog-proof text and what it says. */
export interface Receipt {
  readonly text: string;
  readonly index: number;
  /** The event's journal line (the proof's `extra`), and the event it is. */
  readonly line: string;
  readonly event: {
    readonly type: string;
    readonly at: string;
    readonly payload: Readonly<Record<string, unknown>>;
  };
  readonly origin: string;
  readonly size: number;
  /** The signed checkpoint as the proof carries it (body, blank line, signatures). */
  readonly checkpoint: string;
}

const HEADER = 'c2sp.org/tlog-proof@v1';

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fields of a tlog-proof text (c2sp.org/tlog-proof); null when it is not one. */
export function parseReceipt(text: string): Receipt | null {
  try {
    const lines = text.split('\n');
    if (lines[0] !== HEADER) return null;
    let at = 1;
    const extra = lines[at]?.startsWith('extra ') === true ? (lines[at++] as string).slice('extra '.length) : null;
    const indexLine = /^index (0|[1-9]\d*)$/.exec(lines[at++] ?? '');
    if (extra === null || indexLine === null) return null;
    while (at < lines.length && lines[at] !== '') at += 1;
    const checkpoint = lines.slice(at + 1).join('\n');
    const [origin, size] = checkpoint.split('\n');
    const line = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64(extra));
    const event = JSON.parse(line) as Receipt['event'];
    if (origin === undefined || size === undefined || !/^\d+$/.test(size)) return null;
    return { text, index: Number(indexLine[1]), line, event, origin, size: Number(size), checkpoint };
  } catch {
    return null;
  }
}

/** SHA-256(0x00 ‖ line) in hex, the RFC 6962 leaf hash; null where the browser gives no WebCrypto (plain HTTP). */
export async function leafHashOf(line: string): Promise<string | null> {
  if (globalThis.crypto?.subtle === undefined) return null;
  const bytes = new TextEncoder().encode(line);
  const leaf = new Uint8Array(bytes.length + 1);
  leaf.set(bytes, 1);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', leaf));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One line of what an act concerns: its label, the words, and the id when the words are a name. */
type About = readonly [label: string, words: string, id: string | null];

/** A contest's name in the reader's language, from the station's page (null when it cannot be read). */
async function contestName(stationId: string, contestId: string): Promise<string | null> {
  try {
    const page = await get<StationPage>(`/api/site/stations/${encodeURIComponent(stationId)}`);
    const found = page.contests.find(({ contest }) => contest.id === contestId);
    return found === undefined ? null : nameOf(found.contest.name);
  } catch {
    return null;
  }
}

/** What the act was, in words: its kind, then the station, contest, commission or body it concerns. */
async function actInWords(receipt: Receipt): Promise<{ act: string; about: About[] }> {
  let act: string;
  try {
    act = t(`journalEvent.${receipt.event.type}` as TextKey);
  } catch {
    act = receipt.event.type;
  }
  const payload = receipt.event.payload;
  const protocol = (payload.protocol ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const station = text(protocol.stationId ?? payload.stationId);
  const contest = text(protocol.contestId ?? payload.contestId);
  const about: About[] = [];
  if (station !== null) about.push([word('station'), station, null]);
  if (contest !== null) {
    const name = station === null ? null : await contestName(station, contest);
    about.push([word('contest'), name ?? contest, name === null ? null : contest]);
  }
  const commission = text(payload.commissionId);
  if (commission !== null) about.push([word('commission'), commission, null]);
  const body = text(payload.bodyId);
  if (body !== null) about.push([word('body'), body, null]);
  return { act, about };
}

/** An `About` line as a definition: the words, and the id in code when the words are a name. */
const aboutLines = (about: readonly About[]): HTMLElement[] =>
  about.flatMap(([label, words, id]) => [
    h('dt', {}, label),
    h('dd', {}, id === null ? h('code', { translate: 'no' }, words) : [words, ' ', h('code', { translate: 'no' }, id)]),
  ]);

/** The QR code of a text as SVG, drawn from the library's modules (no markup strings). */
async function qrCode(text: string, label: string): Promise<SVGElement> {
  // Loaded with the first receipt only: the site's first load stays small (docs/site.md).
  const qrcode = (await import('qrcode-generator')).default;
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const count = code.getModuleCount();
  const margin = 4;
  let path = '';
  for (let row = 0; row < count; row += 1)
    for (let col = 0; col < count; col += 1)
      if (code.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
  const size = count + 2 * margin;
  return s(
    'svg',
    {
      class: 'qr',
      viewBox: `0 0 ${size} ${size}`,
      role: 'img',
      'aria-label': label,
      'shape-rendering': 'crispEdges',
    },
    s('title', {}, label),
    s('rect', { width: size, height: size, fill: '#fff' }),
    s('path', { d: path, fill: '#000' }),
  );
}

function fileName(receipt: Receipt): string {
  return `${receipt.origin.replace(/[^A-Za-z0-9._-]+/g, '_')}-${receipt.index}.tlog-proof`;
}

function save(receipt: Receipt): void {
  const url = URL.createObjectURL(new Blob([receipt.text], { type: 'text/plain' }));
  const link = h('a', { href: url, download: fileName(receipt), hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const shortHash = (hash: string): string => `${hash.slice(0, 12)}…${hash.slice(-8)}`;

/** The full hash in groups of eight, to read aloud or compare by eye. */
const groupedHash = (hash: string): string => hash.replace(/(.{8})(?=.)/g, '$1 ');

async function receiptCard(receipt: Receipt): Promise<HTMLElement> {
  const hash = await leafHashOf(receipt.line);
  const { act, about } = await actInWords(receipt);
  const status = h('span', { class: 'copied', 'aria-live': 'polite' });
  const copy = () => {
    if (hash === null) return;
    void navigator.clipboard?.writeText(hash).then(() => replace(status, word('copied')));
  };
  return h(
    'article',
    { class: 'receipt', 'data-index': receipt.index, ...(hash === null ? {} : { 'data-leaf-hash': hash }) },
    hash === null ? null : await qrCode(hash, word('qr')),
    h('h3', {}, act),
    h(
      'dl',
      {},
      aboutLines(about),
      h('dt', {}, word('index')),
      h('dd', { class: 'receipt-index' }, formatCount(receipt.index)),
      h('dt', {}, word('leafHash')),
      h(
        'dd',
        {},
        hash === null
          ? word('noHash')
          : [
              h('code', { class: 'leaf-hash', title: hash, translate: 'no' }, shortHash(hash)),
              ' ',
              h('button', { type: 'button', class: 'copy', onclick: copy }, word('copy')),
              ' ',
              status,
            ],
      ),
      h('dt', {}, word('checkpoint')),
      h(
        'dd',
        { class: 'receipt-checkpoint' },
        word('checkpointSize', { size: formatCount(receipt.size) }),
        ' · ',
        h('code', { translate: 'no' }, receipt.origin),
      ),
    ),
    h(
      'p',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'save-receipt', onclick: () => save(receipt) }, word('save')),
      ' ',
      h(
        'button',
        { type: 'button', class: 'print-receipt', onclick: () => void printSheet(receipt, hash, act, about) },
        word('print'),
      ),
    ),
  );
}

/**
 * The printable receipt: a page of its own over the console, everything else hidden from the
 * printer (receipt.css); printed at once, closed by its button.
 */
async function printSheet(receipt: Receipt, hash: string | null, act: string, about: readonly About[]): Promise<void> {
  document.querySelector('.receipt-sheet')?.remove();
  const close = () => {
    sheet.remove();
    document.body.classList.remove('printing-receipt');
  };
  const sheet = h(
    'div',
    { class: 'receipt-sheet', role: 'dialog', 'aria-label': word('printTitle') },
    h('h1', {}, word('printTitle')),
    h('h2', {}, act),
    h(
      'dl',
      {},
      aboutLines(about),
      h('dt', {}, word('recordedAt')),
      // In words for the reader, and as signed in the journal beside it.
      h(
        'dd',
        {},
        Number.isNaN(Date.parse(receipt.event.at)) ? '' : `${formatTime(new Date(receipt.event.at))} `,
        h('code', { translate: 'no' }, receipt.event.at),
      ),
      h('dt', {}, word('index')),
      h('dd', {}, String(receipt.index)),
      h('dt', {}, word('leafHash')),
      h(
        'dd',
        {},
        hash === null ? word('noHash') : h('code', { class: 'leaf-hash-full', translate: 'no' }, groupedHash(hash)),
      ),
      h('dt', {}, word('origin')),
      h('dd', {}, h('code', { translate: 'no' }, receipt.origin)),
      h('dt', {}, word('checkpoint')),
      h('dd', {}, h('pre', { translate: 'no' }, receipt.checkpoint)),
    ),
    hash === null ? null : await qrCode(hash, word('qr')),
    h(
      'p',
      { class: 'how-to-check' },
      word('howToCheck')
        .split('{command}')
        .flatMap((part, at) => (at === 0 ? [part] : [h('code', {}, 'saylau receipt check FILE --log URL'), part])),
    ),
    h(
      'p',
      { class: 'buttons no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, word('print')),
      ' ',
      h('button', { type: 'button', class: 'close-sheet', onclick: close }, word('close')),
    ),
  );
  document.body.append(sheet);
  document.body.classList.add('printing-receipt');
  sheet.querySelector<HTMLButtonElement>('.close-sheet')?.focus({ preventScroll: true });
  // Headless browsers (the tests) have no printer dialog to wait for.
  if (!navigator.webdriver) window.print();
}

/**
 * The console's receipt panel: empty until an act is answered with receipts, then the receipts of
 * the latest act, each with its QR code, Save and Print.
 */
export function receiptPanel(): HTMLElement {
  const panel = h('section', { class: 'receipts', 'aria-live': 'polite', hidden: true });
  const show = async (texts: readonly string[]) => {
    const receipts = texts.map(parseReceipt);
    const cards = await Promise.all(
      receipts.map((receipt) =>
        receipt === null ? Promise.resolve(h('p', { class: 'refusal' }, word('unreadable'))) : receiptCard(receipt),
      ),
    );
    replace(panel, h('h2', {}, word('title')), h('p', { class: 'help' }, word('intro')), cards);
    panel.hidden = false;
    panel.scrollIntoView({ block: 'nearest' });
  };
  const listener = (event: Event) => {
    if (!panel.isConnected) return window.removeEventListener(RECEIPTS_EVENT, listener);
    const texts = (event as CustomEvent<unknown>).detail;
    if (Array.isArray(texts) && texts.length > 0) void show(texts.filter((x): x is string => typeof x === 'string'));
  };
  window.addEventListener(RECEIPTS_EVENT, listener);
  return panel;
}

/** The window event api.ts sends with the receipts of an answer. */
export const RECEIPTS_EVENT = 'saylau:receipts';
