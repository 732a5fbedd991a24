import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SealedEvent } from '../journal/event.ts';
import { collectAppended } from '../services/appended-events.ts';
import type { Action } from './permissions.ts';

export type Method = 'GET' | 'POST' | 'DELETE';

/** One route as the OpenAPI document describes it; registered with Fastify by `addRoute`. */
export interface RouteSpec {
  readonly method: Method;
  /** Fastify's form; a trailing `*` takes ids that contain slashes (`majilis/list`). */
  readonly url: string;
  readonly summary: string;
  /** Who may call it (permissions.ts); `read-results` is everyone. */
  readonly action: Action;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  /** Response statuses besides the refusals every route can give. */
  readonly responses?: Readonly<Record<string, string>>;
  /** The shape of a 200 answer, for the OpenAPI document (the tests parse real answers with it). */
  readonly response?: z.ZodType;
  /** Counted against the per-address limit; false only for the cacheable public reads a CDN takes. */
  readonly limited?: boolean;
  /** Also counted against the stricter limit of downloads and analyses (app.ts `Limits.downloads`). */
  readonly expensive?: boolean;
  /** The largest body this route reads, when not the server's default. */
  readonly bodyLimit?: number;
  /** An act that journals events: its answer carries a receipt of each (docs/receipts.md). */
  readonly receipts?: true;
}

/** The answer of a two-phase act's first phase (src/server/act-signing.ts): `{ toSign }`, nothing journaled. */
function isToSign(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && Object.hasOwn(schema.shape, 'toSign');
}

/** The receipts of the events one request appended, in order: C2SP tlog-proof texts (docs/receipts.md). */
export type ReceiptIssuer = (events: readonly SealedEvent[]) => Promise<string[]>;

/** An act's answer: its own fields and `receipts`, one C2SP tlog-proof text per event it journaled. */
export function withReceipts<T extends z.ZodType | undefined>(
  response: T,
): z.ZodType<(T extends z.ZodType ? z.output<T> : Record<string, unknown>) & { receipts: string[] }> {
  const receipts = z
    .array(z.string())
    .describe(
      'One C2SP tlog-proof (.tlog-proof) per journal event this act appended, in order: the event line (extra), its index, the inclusion proof and the signed checkpoint (docs/receipts.md)',
    );
  // The schema is the answer's with one field more: the type says so, zod cannot infer it through the branches.
  if (response === undefined) return z.looseObject({ receipts }) as never;
  if (response instanceof z.ZodObject) return response.extend({ receipts }) as never;
  // A two-phase act (docs/server.md, "Signing in the client"): phase 1 answers the acts to sign and journals
  // nothing, so it carries no receipts; the other answers do.
  if (response instanceof z.ZodUnion)
    return z.union(
      (response.options as readonly z.ZodType[]).map((option) => (isToSign(option) ? option : withReceipts(option))),
    ) as never;
  return z.intersection(response, z.object({ receipts })) as never;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export class RouteRegistry {
  readonly routes: RouteSpec[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly receipts: ReceiptIssuer = () => Promise.resolve([]),
  ) {}

  add(spec: RouteSpec, handler: Handler): void {
    if (spec.receipts === true) {
      spec = { ...spec, response: withReceipts(spec.response) };
      handler = this.issuingReceipts(handler);
    }
    this.routes.push(spec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      config: { limited: spec.limited ?? true, expensive: spec.expensive ?? false, action: spec.action },
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      handler,
    });
  }

  /** The handler, its answer completed by the receipts of the events it appended (none: an empty list). */
  private issuingReceipts(handler: Handler): Handler {
    return async (request, reply) => {
      const { value, events } = await collectAppended(() => handler(request, reply));
      // Phase 1 of a two-phase act answers the acts to sign as they are: nothing was journaled.
      if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'toSign') && events.length === 0)
        return value;
      return { ...(value as object), receipts: events.length === 0 ? [] : await this.receipts(events) };
    };
  }

  /** Work to do before the server stops accepting, such as ending open streams. */
  beforeClose(work: () => void): void {
    this.app.addHook('preClose', (done) => {
      work();
      done();
    });
  }
}
