import type { ServerResponse } from 'node:http';
import { ApiError } from '../api-error.ts';
import { clientKey } from '../proxy-address.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import type { ResultsChange } from '../live-results.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** Streams one address may hold open: a newsroom's tabs, not a flood. */
const STREAMS_PER_ADDRESS = 20;
/** Streams written between two turns of the event loop when a change goes out. */
const FAN_OUT_SLICE = 200;
/** A client this far behind is not reading: it is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20;

const eventText = (change: ResultsChange): string =>
  `id: ${change.seq}\nevent: results\ndata: ${JSON.stringify({ ...change, href: `/api/results/snapshots/${change.sha256}.json` })}\n\n`;

/**
 * A message as it goes on the wire, made once for every stream: framed as one HTTP/1.1 chunk for the streams whose
 * response is chunked (an HTTP/1.1 client's), and bare for the others (an HTTP/1.0 client's).
 */
interface WireMessage {
  readonly bare: Buffer;
  readonly chunk: Buffer;
}

function wireMessage(text: string): WireMessage {
  const bare = Buffer.from(text);
  return { bare, chunk: Buffer.concat([Buffer.from(`${bare.length.toString(16)}\r\n`), bare, CRLF]) };
}

const CRLF = Buffer.from('\r\n');
const KEEP_ALIVE = wireMessage(': keep-alive\n\n');

/**
 * Writes to a stream's socket itself, or drops the stream when it stopped reading. The response's own `write` frames
 * each chunk anew and corks the socket until the next tick, for every stream: 9–17 µs a stream against 7–12 µs on the
 * socket, on the server's one thread, ten thousand times a change (docs/scale.md, "Viewers"). The response writes
 * instead while it holds output of its own (a stream asked for behind another request on the same connection waits
 * for its socket), so that nothing overtakes it; `end` writes the last chunk through the response, and nothing is
 * written after it.
 */
function write(stream: ServerResponse, message: WireMessage): void {
  const socket = stream.socket;
  if (stream.writableEnded || socket?.destroyed === true) return;
  // Counts what the response holds and what its socket has not sent yet.
  if (stream.writableLength > MAX_BUFFERED_BYTES) stream.destroy();
  else if (socket === null || stream.writableLength !== socket.writableLength) stream.write(message.bare);
  else socket.write(stream.chunkedEncoding ? message.chunk : message.bare);
}

/**
 * Server-Sent Events: `results` with the new snapshot's seq, hash and changed contests each time
 * the results change, and once at connection so that a page knows where it stands.
 */
export function registerLiveRoute(routes: RouteRegistry, context: ServerContext): void {
  // Each open stream with the seq of the last change it was sent: none is sent twice or out of order.
  const open = new Map<ServerResponse, number>();
  const perAddress = new Map<string, number>();
  // One timer for every stream: ten thousand viewers are not ten thousand timers.
  const heartbeat = setInterval(() => {
    for (const stream of open.keys()) write(stream, KEEP_ALIVE);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // Each change is written out once, framed and bare, and sent to every open stream that has not had it or a later one,
  // a slice at a time, so that other requests are answered between slices (docs/server.md, "Live updates and caching").
  const pending: { seq: number; message: WireMessage }[] = [];
  let sending = false;
  const fanOut = async (): Promise<void> => {
    sending = true;
    try {
      for (let change = pending.shift(); change !== undefined; change = pending.shift()) {
        const streams = [...open.keys()];
        for (let start = 0; start < streams.length; start += FAN_OUT_SLICE) {
          if (start > 0) await new Promise((resolve) => setImmediate(resolve));
          for (const stream of streams.slice(start, start + FAN_OUT_SLICE)) {
            const sent = open.get(stream);
            if (sent === undefined || sent >= change.seq) continue;
            open.set(stream, change.seq);
            write(stream, change.message);
          }
        }
      }
    } finally {
      sending = false;
    }
  };
  const unsubscribe = context.live.subscribe((change) => {
    pending.push({ seq: change.seq, message: wireMessage(eventText(change)) });
    if (!sending) void fanOut();
  });
  // Open streams would keep the server from closing: they end first.
  routes.beforeClose(() => {
    clearInterval(heartbeat);
    unsubscribe();
    pending.length = 0;
    for (const stream of open.keys()) stream.end();
  });
  routes.add(
    {
      method: 'GET',
      url: '/api/live',
      summary: 'Server-Sent Events: `results` {seq, sha256, changedContests, href} whenever the results change',
      action: 'read-results',
      limited: false,
    },
    (request, reply) => {
      const address = clientKey(request.ip);
      if ((perAddress.get(address) ?? 0) >= STREAMS_PER_ADDRESS) throw new ApiError('RATE_LIMITED', { seconds: 60 });
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // HEAD (answered by this GET route) has the headers alone, and holds no stream open.
      if (request.method === 'HEAD') {
        stream.end();
        return Promise.resolve();
      }
      stream.flushHeaders();
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      const current = context.live.current();
      open.set(stream, current.seq);
      write(stream, wireMessage(eventText({ seq: current.seq, sha256: current.sha256, changedContests: [] })));
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        open.delete(stream);
        const count = (perAddress.get(address) ?? 1) - 1;
        if (count > 0) perAddress.set(address, count);
        else perAddress.delete(address);
      };
      request.raw.on('close', stop);
      stream.on('close', stop);
      stream.on('error', stop);
      return Promise.resolve();
    },
  );
}
