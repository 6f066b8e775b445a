import { join } from 'node:path';
import * as z from 'zod/mini';
import { ROUTES, type Access, type Answer, type Route } from './routes';

// docs/openapi.json, rendered from the API's one table of routes (routes.ts) and the zod schemas
// the handlers validate with: every path, parameter, limit and status code comes from there.
// `npm run openapi` writes it, and a test fails when it is stale.

/** Where the rendered document is kept: the repository's docs, beside the README that links it. */
export const OPENAPI_DOCUMENT_PATH = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

type JsonSchema = Record<string, unknown>;

const ref = (schema: z.core.$ZodType) => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('A route answers with a schema that has no id');
  return { $ref: `#/components/schemas/${id}` };
};

/** One schema inline (a parameter's), as a client sends it, without the JSON Schema dialect. */
const inline = (schema: z.core.$ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const problem = (description: string, headers: Answer['headers']) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** What the JWT authorizer answers before any handler runs: API Gateway's own body, not problem+json. */
const refusal = (description: string) => ({
  description: `${description}. API Gateway answers before the API's code runs: \`{"message": …}\`, not problem+json.`,
  content: {
    'application/json': {
      schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    },
  },
});

const refusalsFor = (access: Access) => ({
  ...(access.kind === 'public' ? {} : { '401': refusal('Missing, expired or foreign bearer token') }),
  ...(access.kind === 'ops' ? { '403': refusal(`The token lacks the \`${access.scope}\` scope`) } : {}),
});

const answer = (status: number, { description, body, headers }: Answer) =>
  body
    ? {
        description,
        ...(headers ? { headers } : {}),
        content: { 'application/json': { schema: ref(body) } },
      }
    : problem(description, headers);

const parametersOf = (route: Route) => [
  ...Object.entries(route.pathParameters ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
  })),
  ...Object.entries(route.query?.def.shape ?? {}).map(([name, schema]) => {
    const { description, ...rendered } = inline(schema as z.core.$ZodType);
    return {
      name,
      in: 'query',
      ...(description === undefined ? {} : { description }),
      schema: rendered,
    };
  }),
  ...Object.entries(route.headers ?? {}).map(([name, { description, schema }]) => ({
    name,
    in: 'header',
    description,
    schema: inline(schema),
  })),
];

/** A public route needs no token; an ops route names the scope; a customer route takes the default. */
const securityOf = (access: Access) => {
  if (access.kind === 'public') return { security: [] };
  return access.kind === 'ops' ? { security: [{ bearerAuth: [access.scope] }] } : {};
};

const operationOf = (route: Route) => {
  const parameters = parametersOf(route);
  return {
    operationId: route.functionName,
    summary: route.summary,
    ...securityOf(route.access),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } }
      : {}),
    responses: Object.fromEntries(
      [
        ...Object.entries(route.answers).map(([status, given]) => [status, answer(Number(status), given)] as const),
        ...Object.entries(refusalsFor(route.access)),
      ].sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
};

const componentSchemas = () => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  } as Parameters<typeof z.toJSONSchema>[1]) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(schemas)
      .map(([id, schema]) => {
        // Components are addressed by their place in the document, so neither $schema nor $id stays.
        const { $schema: _schema, $id: _id, ...rest } = schema;
        return [id, rest] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  );
};

export const buildOpenApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Order platform API',
      version: '1.0.0',
      description:
        'Place and read orders; ops read the workflow executions. Prices come from the catalog, never from the client. The API’s own errors are RFC 9457 problem details.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'Local stack (npm start)' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
  };
};
