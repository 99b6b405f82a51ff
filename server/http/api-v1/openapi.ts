// GET /api/v1/openapi.json: the REST API described from the same route list and zod schemas the
// handlers validate with (routes.ts, schemas.ts), so the document cannot fall behind the code.
import { z } from 'zod';
import type { ApiRoute } from './routes.ts';
import { components } from './schemas.ts';

type Json = Record<string, unknown>;

function clean(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function schemaRef(schema: z.ZodType, io: 'input' | 'output'): Json {
  const id = components.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  return clean(z.toJSONSchema(schema, { io, metadata: components, unrepresentable: 'any' }) as Json);
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = clean(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Json);
    const { description, ...rest } = json;
    return { name, in: where, required: where === 'path' || !field.safeParse(undefined).success, ...(description !== undefined && { description }), schema: rest };
  });
}

const ERRORS: Record<number, string> = {
  400: 'Invalid input (the message says which field)',
  401: 'No token, or an unknown or revoked one',
  403: 'The token lacks the scope, or its person may not do this',
  404: 'No such conversation',
  409: 'The conversation is in a state that does not allow this (e.g. another agent has it)',
  429: 'Too many requests with this token; see Retry-After',
};

export function openApiDocument(routes: ApiRoute[], version: string): Json {
  const { schemas } = z.toJSONSchema(components, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' });
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const errors = Object.fromEntries(
      Object.entries(ERRORS)
        .filter(([code]) => (code !== '404' && code !== '409') || r.path.includes(':id'))
        .map(([code, description]) => [code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: `${r.method}${r.path.replace(/^\/api\/v1/, '').replace(/\/:?(\w)(\w*)/g, (_, a: string, b: string) => a.toUpperCase() + b)}`,
      summary: r.summary,
      ...(r.description && { description: r.description }),
      security: [{ bearer: [] }],
      'x-porsan-scope': r.scope,
      parameters: [...parameters(r.params as z.ZodType | undefined, 'path'), ...parameters(r.query as z.ZodType | undefined, 'query')],
      ...(r.body !== undefined && { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(r.body as z.ZodType, 'input') } } } }),
      responses: { [r.status]: { description: 'OK', content: { 'application/json': { schema: schemaRef(r.response, 'output') } } }, ...errors },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Porsan API',
      version,
      description:
        'Read conversations and reports, answer and close conversations, read the knowledge base. Authenticate with an API token an admin creates in the console (Integrations): `Authorization: Bearer porsan_…`. Each operation needs the scope named in `x-porsan-scope` (`read` or `write`).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (porsan_…)' } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s as Json)])),
    },
    paths,
  };
}
