import path from 'node:path';

/** Where the typed client's generated types live, beside the hand-written layer that uses them. */
export const CLIENT_SCHEMA_PATH = path.resolve(__dirname, '../../../src/client/generated/fabric-api.ts');

const HEADER =
  '// Generated from openapi/openapi.json by `npm run openapi:generate` (openapi-typescript); do not edit.\n' +
  '/* eslint-disable */\n\n';

/** The client's TypeScript types for an OpenAPI document (its serialised text, as committed). */
export async function generateClientSchema(openApiText: string): Promise<string> {
  // A development tool, loaded only when the client is generated.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // A property with a default is optional in a request; the response types list what is always sent.
  const ast = await openapiTS(openApiText, { defaultNonNullable: false });
  return HEADER + astToString(ast);
}
