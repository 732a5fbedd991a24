import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: `results` with the new snapshot's seq, hash and changed contests each time
 * the results change, and once at connection so that a page knows where it stands.
 */
export function registerLiveRoute(routes: RouteRegistry, context: ServerContext): void {
  routes.add({ method: 'GET', url: '/api/live', summary: 'Server-Sent Events: `results` {seq, sha256, changedContests, href} whenever the results change', action: 'read-results', limited: false }, (request, reply) => {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (change: { seq: number; sha256: string; changedContests: readonly string[] }): void => {
      stream.write(`id: ${change.seq}\nevent: results\ndata: ${JSON.stringify({ ...change, href: `/api/results/snapshots/${change.sha256}.json` })}\n\n`);
    };
    const current = context.live.current();
    send({ seq: current.seq, sha256: current.sha256, changedContests: [] });
    const unsubscribe = context.live.subscribe(send);
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', stop);
    stream.on('error', stop);
    return Promise.resolve();
  });
}
