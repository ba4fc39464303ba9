import { before, describe, it } from 'node:test';
import { expect } from 'expect';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { generateOpenApiDocument } from '../src/platform/openapi';
import { PROBLEM_CATALOGUE, ProblemCode } from '../src/platform/http/problem-catalogue';

/**
 * The API reference is the product's manual: every operation says what it does, what it refuses
 * with and what it looks like, and every schema is typed all the way down.
 */

const SOURCES = path.resolve(__dirname, '../../src');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Answered before any operation is chosen (the router, the HTTP parser) or never on purpose. */
const NOT_PER_OPERATION: ReadonlySet<ProblemCode> = new Set(['METHOD_NOT_ALLOWED', 'REQUEST_TIMEOUT', 'INTERNAL']);
/** Codes of job failures and worker bookkeeping: they appear on jobs, never as an HTTP answer. */
const NOT_HTTP = new Set(['UNEXPECTED_STEP']);

interface Operation {
  name: string;
  method: (typeof METHODS)[number];
  path: string;
  operation: OperationObject;
}

type Schema = SchemaObject & ReferenceObject;

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths as Record<string, PathItemObject>).flatMap(([route, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ name: `${method.toUpperCase()} ${route}`, method, path: route, operation }] : [];
    }),
  );
}

function resolve(document: OpenAPIObject, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return document.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as Schema;
}

/** Every way an example can disagree with its schema: unknown or missing fields, wrong types, values outside an enum. */
function mismatches(document: OpenAPIObject, schema: Schema, value: unknown, at: string): string[] {
  const resolved = resolve(document, schema);
  if (value === null) return schema.nullable || resolved.nullable ? [] : [`${at} is null but not nullable`];
  if (resolved.allOf)
    return resolved.allOf.flatMap((part: SchemaObject | ReferenceObject) => mismatches(document, part as Schema, value, at));
  if (resolved.enum && !resolved.enum.includes(value))
    return [`${at} = ${JSON.stringify(value)} is not one of ${resolved.enum.join(', ')}`];
  switch (resolved.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
      const record = value as Record<string, unknown>;
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      const missing = (resolved.required ?? [])
        .filter((name: string) => !(name in record))
        .map((name: string) => `${at}.${name} is missing`);
      const fields = Object.entries(record).flatMap(([name, field]) => {
        if (properties[name]) return mismatches(document, properties[name], field, `${at}.${name}`);
        return resolved.additionalProperties ? [] : [`${at}.${name} is not in the schema`];
      });
      return [...missing, ...fields];
    }
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, index) => mismatches(document, resolved.items as Schema, item, `${at}[${index}]`))
        : [`${at} is not an array`];
    case 'string':
      return typeof value === 'string' ? [] : [`${at} is not a string`];
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at} is not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} is not a boolean`];
    default:
      return [];
  }
}

/** Object schemas that say nothing of their fields: the generated client would type them as `Record<string, never>`. */
function untypedObjects(document: OpenAPIObject, schema: Schema, at: string): string[] {
  const untyped =
    schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined && !schema.allOf && !schema.$ref;
  return [
    ...(untyped ? [at] : []),
    ...Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(([name, property]) =>
      untypedObjects(document, property, `${at}.${name}`),
    ),
    ...(schema.items ? untypedObjects(document, schema.items as Schema, `${at}[]`) : []),
  ];
}

function documentedCodes(operation: OperationObject): Map<string, number> {
  const codes = new Map<string, number>();
  for (const [status, response] of Object.entries(operation.responses)) {
    const examples = (response as { content?: Record<string, { examples?: Record<string, unknown> }> }).content?.[
      'application/problem+json'
    ]?.examples;
    for (const code of Object.keys(examples ?? {})) codes.set(code, Number(status));
  }
  return codes;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return entry === 'generated' ? [] : sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('spec.ts') ? [full] : [];
  });
}

/** The codes the service raises, as written in its source, with the status where the source names one. */
function raisedCodes(): Map<string, number | undefined> {
  const raised = new Map<string, number | undefined>();
  for (const file of sourceFiles(SOURCES)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new ProblemError\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g)) raised.set(match[2], Number(match[1]));
    for (const match of text.matchAll(/(?:new DomainError|\berror)\(\s*'([A-Z0-9_]+)'/g)) {
      if (!raised.has(match[1])) raised.set(match[1], undefined);
    }
  }
  return raised;
}

describe('The API reference', () => {
  let document: OpenAPIObject;
  let operations: Operation[];
  before(async () => {
    document = await generateOpenApiDocument();
    operations = operationsOf(document);
  });

  it('documents every operation with a summary, a description of what it does, and a tag', () => {
    const lacking = operations.flatMap(({ name, operation }) => [
      ...(operation.summary?.trim() ? [] : [`${name}: no summary`]),
      ...((operation.description?.trim().length ?? 0) >= 40 ? [] : [`${name}: no description`]),
      ...(operation.tags?.length ? [] : [`${name}: no tag`]),
    ]);
    expect(operations.length).toBeGreaterThan(70);
    expect(lacking).toEqual([]);
  });

  it('asks for the bearer key on every operation', () => {
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('documents the refusals of every operation as problem documents with their codes', () => {
    const lacking = operations.flatMap(({ name, method, path: route, operation }) => {
      const codes = documentedCodes(operation);
      const expected: ProblemCode[] = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'];
      if (route.includes('{id}')) expected.push('NOT_FOUND');
      if (method === 'get') expected.push('READ_MODEL_BEHIND');
      else expected.push('IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS', 'VERSION_CONFLICT');
      const missing = expected.filter((code) => !codes.has(code)).map((code) => `${name}: ${code} not documented`);
      const misfiled = [...codes]
        .filter(([code, status]) => PROBLEM_CATALOGUE[code as ProblemCode]?.status !== status)
        .map(([code, status]) => `${name}: ${code} filed under ${status}`);
      const errorResponses = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      const notProblems = errorResponses
        .filter(([, response]) => {
          const schema = (response as { content?: Record<string, { schema?: Schema }> }).content?.['application/problem+json']
            ?.schema;
          return schema?.$ref !== '#/components/schemas/ProblemDocumentDto';
        })
        .map(([status]) => `${name}: ${status} is not a problem document`);
      return [...missing, ...misfiled, ...notProblems];
    });
    expect(lacking).toEqual([]);
  });

  it('documents every code the service answers with on the operations that answer it', () => {
    const documented = new Set(operations.flatMap(({ operation }) => [...documentedCodes(operation).keys()]));
    const undocumented = (Object.keys(PROBLEM_CATALOGUE) as ProblemCode[]).filter(
      (code) => !NOT_PER_OPERATION.has(code) && !documented.has(code),
    );
    expect(undocumented).toEqual([]);
  });

  it('knows every code the source raises, at the status the source answers it with', () => {
    const raised = raisedCodes();
    expect(raised.size).toBeGreaterThan(50);
    const unknown = [...raised.keys()].filter((code) => !NOT_HTTP.has(code) && !(code in PROBLEM_CATALOGUE));
    const wrongStatus = [...raised]
      .filter(([code, status]) => status !== undefined && code in PROBLEM_CATALOGUE)
      .filter(([code, status]) => PROBLEM_CATALOGUE[code as ProblemCode].status !== status)
      .map(([code, status]) => `${code}: raised with ${status}`);
    expect(unknown).toEqual([]);
    expect(wrongStatus).toEqual([]);
  });

  it('documents Idempotency-Key and If-Match on every write, Prefer where a job is answered, minPosition on every read', () => {
    const lacking = operations.flatMap(({ name, method, operation }) => {
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      const has = (where: string, parameter: string) => parameters.some((p) => p.in === where && p.name === parameter);
      if (method === 'get') return has('query', 'minPosition') ? [] : [`${name}: no minPosition`];
      const answersJob = Object.values(operation.responses).some(
        (response) =>
          (response as { content?: Record<string, { schema?: Schema }> }).content?.['application/json']?.schema?.$ref ===
          '#/components/schemas/JobDto',
      );
      return [
        ...(has('header', 'Idempotency-Key') ? [] : [`${name}: no Idempotency-Key`]),
        ...(has('header', 'If-Match') ? [] : [`${name}: no If-Match`]),
        ...(!answersJob || has('header', 'Prefer') ? [] : [`${name}: no Prefer`]),
      ];
    });
    expect(lacking).toEqual([]);
  });

  it('shows an example request and an example answer for every operation, each as its schema describes it', () => {
    const lacking = operations.flatMap(({ name, operation }) => {
      const problems: string[] = [];
      const body = (
        operation.requestBody as { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> }
      )?.content?.['application/json'];
      if (body) {
        const examples = Object.values(body.examples ?? {});
        if (examples.length === 0) problems.push(`${name}: no example request`);
        for (const example of examples) problems.push(...mismatches(document, body.schema!, example.value, `${name} request`));
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 300) continue;
        const content = (response as { content?: Record<string, { schema?: Schema; example?: unknown }> }).content;
        if (!content) {
          if (status !== '204') problems.push(`${name}: ${status} has no body`);
          continue;
        }
        for (const [mediaType, media] of Object.entries(content)) {
          if (media.example === undefined) problems.push(`${name}: no example of its ${status} answer`);
          else if (mediaType === 'application/json')
            problems.push(...mismatches(document, media.schema!, media.example, `${name} ${status}`));
        }
      }
      return problems;
    });
    expect(lacking).toEqual([]);
  });

  it('types every schema property: no object without fields', () => {
    const untyped = Object.entries(document.components?.schemas ?? {}).flatMap(([name, schema]) =>
      untypedObjects(document, schema as Schema, name),
    );
    expect(untyped).toEqual([]);
  });
});
