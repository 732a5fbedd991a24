import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export class RouteRegistry {
  readonly routes: RouteSpec[] = [];

  constructor(private readonly app: FastifyInstance) {}

  add(spec: RouteSpec, handler: Handler): void {
    this.routes.push(spec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      config: { limited: spec.limited ?? true, expensive: spec.expensive ?? false, action: spec.action },
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      handler,
    });
  }

  /** Work to do before the server stops accepting, such as ending open streams. */
  beforeClose(work: () => void): void {
    this.app.addHook('preClose', (done) => {
      work();
      done();
    });
  }
}
