import { journalQuery, journalResponse, parseBody } from '../api-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

export function registerJournalRoutes(routes: RouteRegistry, context: ServerContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/journal',
      summary: 'Journal events after `after`, in order (observers and every account)',
      action: 'read-journal',
      query: journalQuery,
      response: journalResponse,
    },
    async (request) => {
      await context.guard(request, 'read-journal');
      const { after, limit } = parseBody(journalQuery, request.query);
      const events = await context.store.eventsAfter(after, limit);
      const head = await context.store.journalHead();
      return { head, events };
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/keys',
      summary: 'The public keys registered in the journal, with their holders and roles',
      action: 'read-journal',
    },
    async (request) => {
      await context.guard(request, 'read-journal');
      return { keys: await context.store.keys() };
    },
  );
}
