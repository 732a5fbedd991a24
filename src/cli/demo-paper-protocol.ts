import type { FastifyInstance } from 'fastify';
import { type Language, isLanguage } from '../i18n/language.ts';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { paperProtocolHtml, paperProtocols } from '../export/paper-protocol.ts';

/** Where the demo serves the open station's paper protocol (`?lang=kk|ru|en`). */
export const PAPER_PROTOCOL_PATH = '/demo/protocol';

/**
 * The demo's printable paper protocol of the station left for the visitor: the figures the
 * console's entries should copy, so that the national figures end as the official ones. Only the
 * demo serves it; a real server has no paper to show.
 */
export function servePaperProtocol(
  app: FastifyInstance,
  election: Election,
  stationId: string,
  protocols: readonly Protocol[],
  language: Language,
): void {
  app.get(PAPER_PROTOCOL_PATH, (request, reply) => {
    const asked = (request.query as { lang?: unknown }).lang;
    const lang = typeof asked === 'string' && isLanguage(asked) ? asked : language;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(paperProtocolHtml(stationId, paperProtocols(election, stationId, protocols, lang), lang));
  });
}
