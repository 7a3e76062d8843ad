import { errorCodes, errorResponseSchema } from '@plaza/protocol';
import { z } from 'zod';
import { type Operation, operations } from './operations.ts';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses), requests as input, answers as output. */
function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

const securityOf: Record<Operation['auth'], { [scheme: string]: string[] }[] | undefined> = {
  none: undefined,
  token: undefined,
  admin: [{ adminKey: [] }, { session: [] }],
  device: [{ deviceToken: [] }],
  session: [{ session: [] }],
  reviewer: [{ session: [] }],
};

function parameters(op: Operation): JsonSchema[] {
  const path = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!op.query) return path;
  const query = toSchema(op.query, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (query.required ?? []).includes(name) && !('default' in schema),
      schema,
    })),
  ];
}

function operationObject(op: Operation): JsonSchema {
  const status = String(op.status ?? 200);
  const content = op.response
    ? { 'application/json': { schema: toSchema(op.response, 'output') } }
    : { [op.produces ?? 'application/json']: {} };
  const security = securityOf[op.auth];
  return {
    operationId: `${op.method}${op.path.replace(/[/:.-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    'x-plaza-auth': op.auth,
    ...(security ? { security } : {}),
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(op.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: { description: 'OK', content },
      default: {
        description: 'An error with its code (see components.schemas.ErrorCode)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the coordinator's API, generated from the zod schemas of every
 * operation (`operations.ts`): request bodies and queries as their input types, answers as their
 * output types, errors as the protocol's error shape with every code.
 */
export function buildOpenApi(params: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, JsonSchema>)[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plaza coordinator API',
      version: params.version,
      description:
        'Campaigns, devices, labeling, datasets and webhooks of a Plaza coordinator. Errors are `{ error: { code, message, retryable, details? } }`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        adminKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The admin key (PLAZA_ADMIN_KEY or keys.json).',
        },
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'A Sign-In with Ethereum session token.',
        },
        deviceToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A registered device’s token.',
        },
      },
      schemas: {
        ErrorResponse: toSchema(errorResponseSchema, 'output'),
        ErrorCode: { type: 'string', enum: Object.keys(errorCodes) },
      },
    },
  };
}
