import type { components, paths } from './api-types.ts';

/** The server's API, or (for a site published as files) static snapshots of the same answers. */
export type Refusal = components['schemas']['Refusal'];

type Method = 'get' | 'post' | 'delete';

/** The 200 answer of `METHOD path` as the OpenAPI document publishes it (api-types.ts, generated). */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  NonNullable<paths[P][M]> extends {
    readonly responses: { readonly 200: { content: { 'application/json': infer T } } };
  }
    ? T
    : never;

/** The answer of a route that makes an act once it is signed and done (signing.ts), not the acts to sign. */
export type Done<T> = Exclude<T, { readonly toSign: unknown }>;

export class ApiRefusal extends Error {
  constructor(readonly refusal: Refusal['error']) {
    super(`${refusal.code}: ${refusal.message}`);
  }
}

/**
 * Where answers come from: the server by default; with `<meta name="saylau-static" content="DIR">`
 * the same paths as JSON files below DIR (`api/site/overview.json`), as `saylau export` can write.
 */
const staticBase = document.querySelector<HTMLMetaElement>('meta[name="saylau-static"]')?.content;

/** A site published as files: no server behind it, so nothing printed on demand and no console. */
export function isStatic(): boolean {
  return staticBase !== undefined;
}

export function apiUrl(path: string): string {
  if (staticBase === undefined) return path;
  const file = path.replace(/\?.*$/, '');
  // Files that have an extension of their own (exports) keep it; answers become .json files.
  return `${staticBase}${/\.\w+$/.test(file) ? file : `${file}.json`}`;
}

let token: string | null = sessionStorage.getItem('saylau.token');

export function setToken(next: string | null): void {
  token = next;
  if (next === null) sessionStorage.removeItem('saylau.token');
  else sessionStorage.setItem('saylau.token', next);
}

export function hasToken(): boolean {
  return token !== null;
}

export async function get<T>(path: string, { auth = false }: { auth?: boolean } = {}): Promise<T> {
  // Revalidated every time (a 304 when unchanged): a live page must never show a cached second-old answer.
  const response = await fetch(apiUrl(path), {
    cache: 'no-cache',
    headers: {
      ...(auth && token !== null ? { authorization: `Bearer ${token}` } : {}),
      'accept-language': document.documentElement.lang,
    },
  });
  return answer<T>(response);
}

export async function post<T>(path: string, body: unknown, method: 'POST' | 'DELETE' = 'POST'): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      // A DELETE has no body, and a JSON content type without one is refused (INPUT_NOT_JSON).
      ...(method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      'accept-language': document.documentElement.lang,
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: method === 'DELETE' ? null : JSON.stringify(body),
  });
  return answer<T>(response);
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new ApiRefusal((body as Refusal).error);
  // An act's receipts (docs/receipts.md), for the console's receipt panel (views/receipt.ts) wherever the act was sent.
  const receipts = (body as { receipts?: unknown } | null)?.receipts;
  if (Array.isArray(receipts)) window.dispatchEvent(new CustomEvent('saylau:receipts', { detail: receipts }));
  return body as T;
}

/** Calls `onChange` with the contests each new version of the results changed (SSE). */
export function subscribe(onChange: (change: { seq: number; changedContests: readonly string[] }) => void): void {
  if (staticBase !== undefined || typeof EventSource === 'undefined') return;
  const source = new EventSource('/api/live');
  let first = true;
  source.addEventListener('results', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as { seq: number; changedContests: string[] };
    // The first event says where the stream starts; the page has just loaded that.
    if (first) first = false;
    else onChange(change);
  });
}
