import { z } from 'zod';
import { protocolSchema } from '../model/protocol.ts';
import { refusalResponse } from './api-schemas.ts';
import type { RouteSpec } from './route-registry.ts';

/** A request as the caller may write it (defaults optional); an answer as the server sends it (`io: 'output'`). */
const jsonSchema = (type: z.ZodType, io: 'input' | 'output' = 'input'): unknown =>
  z.toJSONSchema(type, { io, unrepresentable: 'any' });

/** A request body's schema, with its protocols pointing at the model's Protocol schema. */
function bodySchema(type: z.ZodType): unknown {
  const schema = jsonSchema(type) as { properties?: Record<string, Record<string, unknown>> };
  const protocol = { $ref: '#/components/schemas/Protocol' };
  if (schema.properties?.protocol !== undefined)
    schema.properties.protocol = {
      ...protocol,
      description: 'checked by the intake with PROTOCOL_… and DATASET_… codes',
    };
  if (schema.properties?.protocols !== undefined)
    schema.properties.protocols = { ...schema.properties.protocols, items: protocol };
  return schema;
}

/** Fastify's `/a/:b` and `/a/*` as OpenAPI's `/a/{b}` and `/a/{id}`. */
const openApiPath = (url: string): string => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{id}');

/**
 * The OpenAPI 3.1 document, built from the same route list and zod schemas the server uses, so it
 * cannot drift from what the server accepts.
 */
export function openApiDocument(routes: readonly RouteSpec[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    const parameters = [...route.url.matchAll(/:(\w+)|\*$/g)].map((match) => ({
      name: match[1] ?? 'id',
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query !== undefined) {
      const query = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {}))
        parameters.push({
          name,
          in: 'query',
          required: (query.required ?? []).includes(name),
          schema: schema as { type: string },
        });
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      'x-saylau-permission': route.action,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.action === 'read-results' ? {} : { security: [{ bearer: [] }] }),
      ...(route.body === undefined
        ? {}
        : { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(route.body) } } } }),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses ?? { 200: 'OK' }).map(([status, description]) => [
            status,
            {
              description,
              ...(status === '200' && route.response !== undefined
                ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
                : {}),
            },
          ]),
        ),
        default: {
          description: 'A refusal with its stable code and message in kk, ru and en',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Refusal' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'saylau API',
      version,
      description:
        'Election administration and tabulation for Kazakhstan (2023 rules). Every refusal carries a stable code (docs/server.md).',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/session' } },
      schemas: {
        Protocol: jsonSchema(protocolSchema),
        Refusal: jsonSchema(refusalResponse),
      },
    },
  };
}
