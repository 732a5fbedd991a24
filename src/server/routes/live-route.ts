import type { ServerResponse } from 'node:http';
import { ApiError } from '../api-error.ts';
import { clientKey } from '../proxy-address.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** Streams one address may hold open: a newsroom's tabs, not a flood. */
const STREAMS_PER_ADDRESS = 20;
/** A client this far behind is not reading: it is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * Server-Sent Events: `results` with the new snapshot's seq, hash and changed contests each time
 * the results change, and once at connection so that a page knows where it stands.
 */
export function registerLiveRoute(routes: RouteRegistry, context: ServerContext): void {
  const open = new Set<ServerResponse>();
  const perAddress = new Map<string, number>();
  // Open streams would keep the server from closing: they end first.
  routes.beforeClose(() => {
    for (const stream of open) stream.end();
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
      open.add(stream);
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (change: { seq: number; sha256: string; changedContests: readonly string[] }): void => {
        if (stream.writableLength > MAX_BUFFERED_BYTES) {
          stream.destroy();
          return;
        }
        stream.write(
          `id: ${change.seq}\nevent: results\ndata: ${JSON.stringify({ ...change, href: `/api/results/snapshots/${change.sha256}.json` })}\n\n`,
        );
      };
      const current = context.live.current();
      send({ seq: current.seq, sha256: current.sha256, changedContests: [] });
      const unsubscribe = context.live.subscribe(send);
      const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        clearInterval(heartbeat);
        unsubscribe();
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
