import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, statusOf } from './api-error.ts';
import { requestLanguage } from './request-language.ts';
import { DATA_HEADER_LINES, setDataHeaders } from './security-headers.ts';

/**
 * Where the first NUL character (U+0000) is in a request's parameters, query or body, as a field
 * path, or null. Text holds no NUL; PostgreSQL cannot store one (error 22021), so a NUL that got
 * through would be a server error on one engine and stored text on the other.
 */
export function nulField(value: unknown, path = ''): string | null {
  // A stack of its own, not recursion: a body may nest 10,000 levels deep (refused later, by its schema).
  const pending: [unknown, string][] = [[value, path]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, here] = next;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return here;
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1) pending.push([item[index], `${here}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (const [key] of entries) if (key.includes('\u0000')) return here === '' ? key : `${here}.${key}`;
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index] as [string, unknown];
        pending.push([child, here === '' ? key : `${here}.${key}`]);
      }
    }
  }
  return null;
}

/** Refuses a request with a NUL anywhere it could reach a handler, before any handler runs. */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const field = nulField(request.params) ?? nulField(request.query) ?? nulField(request.body);
    done(field === null ? undefined : new ApiError('INPUT_NUL_CHARACTER', { field }, field));
  });
}

/**
 * Fastify's own refusals before routing (a path whose %-escapes are not UTF-8), coded like every
 * other: passed to Fastify as `frameworkErrors`.
 */
export function frameworkRefusal(error: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const refusal =
    error.code === 'FST_ERR_BAD_URL' ? new ApiError('REQUEST_BAD_URL') : new ApiError('REQUEST_MALFORMED');
  setDataHeaders(reply.raw);
  void reply
    .code(statusOf(refusal.code))
    .send(errorBody(refusal, requestLanguage({}, request.headers['accept-language'])));
}

/**
 * What Node's HTTP parser refuses (a NUL or a bare CR in the request line, a request that takes
 * too long) reaches no route: answered here, on the socket, with the same coded body. Passed to
 * Fastify as `clientErrorHandler`.
 */
export function clientRefusal(requestTimeoutMs: number) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A connection the client already closed has no one to answer; one in the middle of an answer
    // (a download on a kept-alive connection) must not have a refusal spliced into it.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent === true)
      return void socket.destroy();
    const refusal =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError('REQUEST_TIMEOUT', { seconds: Math.round(requestTimeoutMs / 1000) })
        : new ApiError('REQUEST_MALFORMED');
    const body = JSON.stringify(errorBody(refusal, 'kk'));
    const status = statusOf(refusal.code);
    socket.end(
      `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${DATA_HEADER_LINES}\r\n${body}`,
    );
  };
}
