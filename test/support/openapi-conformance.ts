import { readFileSync } from 'node:fs';
import path from 'node:path';

type Schema = Record<string, any>;
type Document = { paths: Record<string, any>; components: { schemas: Record<string, Schema> } };

const COMMITTED = path.resolve(__dirname, '../../../openapi/openapi.json');

/** The committed OpenAPI document (test/openapi.e2e-spec.ts keeps it equal to what the code generates). */
export function committedOpenApi(): Document {
  return JSON.parse(readFileSync(COMMITTED, 'utf8')) as Document;
}

/** The JSON schema of an operation's answer with this status. */
export function responseSchema(document: Document, method: string, route: string, status: number): Schema {
  const schema =
    document.paths[route]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the document has no JSON answer ${status} for ${method.toUpperCase()} ${route}`);
  return schema;
}

/**
 * Where a real answer departs from its schema, one line each (none: it conforms). Stricter than
 * JSON Schema's defaults on purpose: a property the schema does not name is a departure (unless the
 * schema allows additional properties), so a field the service sends but does not document is found.
 */
export function departuresFrom(document: Document, schema: Schema, value: unknown, at = '$'): string[] {
  const resolved = resolve(document, schema);
  if (value === null) return resolved.nullable ? [] : [`${at}: null, but not nullable`];
  if (resolved.oneOf || resolved.anyOf) {
    const options: Schema[] = resolved.oneOf ?? resolved.anyOf;
    const fits = options.some((option) => departuresFrom(document, option, value, at).length === 0);
    return fits ? [] : [`${at}: matches none of its ${options.length} alternatives`];
  }
  if (resolved.enum && !resolved.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${resolved.enum.join(', ')}`];
  switch (resolved.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: expected a string, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: expected a number, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      return value.flatMap((item, index) => departuresFrom(document, resolved.items ?? {}, item, `${at}[${index}]`));
    case 'object':
    case undefined:
      return resolved.properties || resolved.type === 'object' ? objectDepartures(document, resolved, value, at) : [];
    default:
      return [`${at}: the schema's type ${resolved.type} is not understood here`];
  }
}

function objectDepartures(document: Document, schema: Schema, value: unknown, at: string): string[] {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) return [`${at}: expected an object`];
  const record = value as Record<string, unknown>;
  const properties: Record<string, Schema> = schema.properties ?? {};
  const missing = ((schema.required ?? []) as string[])
    .filter((name) => !(name in record))
    .map((name) => `${at}.${name}: required, but absent`);
  const undocumented = schema.additionalProperties
    ? []
    : Object.keys(record)
        .filter((name) => !(name in properties))
        .map((name) => `${at}.${name}: sent, but not in the schema`);
  const nested = Object.entries(properties)
    .filter(([name]) => record[name] !== undefined)
    .flatMap(([name, property]) => departuresFrom(document, property, record[name], `${at}.${name}`));
  return [...missing, ...undocumented, ...nested];
}

/** Follows `$ref`s and folds `allOf` into one schema (what Nest writes for a nullable or described reference). */
function resolve(document: Document, schema: Schema): Schema {
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    const target = document.components.schemas[name];
    if (!target) throw new Error(`${schema.$ref} is not in the document`);
    const { $ref: _ref, ...rest } = schema;
    return resolve(document, { ...target, ...rest });
  }
  if (!schema.allOf) return schema;
  const { allOf, ...own } = schema;
  return (allOf as Schema[])
    .map((part) => resolve(document, part))
    .reduce(
      (merged, part) => ({
        ...merged,
        ...part,
        nullable: merged.nullable ?? part.nullable,
        properties: { ...(merged.properties ?? {}), ...(part.properties ?? {}) },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      }),
      own,
    );
}
