import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from './client-schema';
import { generateOpenApiDocument, serialiseOpenApi } from './openapi';

/** Writes openapi/openapi.json from the code, then the typed client's types from it (`npm run openapi:generate`). */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '../../../openapi/openapi.json');
  mkdirSync(path.dirname(target), { recursive: true });
  const document = serialiseOpenApi(await generateOpenApiDocument());
  writeFileSync(target, document);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  mkdirSync(path.dirname(CLIENT_SCHEMA_PATH), { recursive: true });
  writeFileSync(CLIENT_SCHEMA_PATH, await generateClientSchema(document));
  process.stdout.write(`wrote ${path.relative(process.cwd(), CLIENT_SCHEMA_PATH)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
