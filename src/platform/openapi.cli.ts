import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from './client-schema';
import { parseCommandLine, refuseUsage, UsageError } from './command-line';
import { generateOpenApiDocument, serialiseOpenApi } from './openapi';

const USAGE = `Usage: npm run openapi:generate

Writes openapi/openapi.json from the controllers and DTOs, then the typed client's types
(src/client/generated/fabric-api.ts) from it. Needs no database.

  -h, --help   show this usage`;

/** Writes openapi/openapi.json from the code, then the typed client's types from it (`npm run openapi:generate`). */
async function main(): Promise<number> {
  try {
    if (parseCommandLine(process.argv.slice(2), {}).help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
  } catch (error) {
    if (error instanceof UsageError) return refuseUsage('openapi:generate', error);
    throw error;
  }
  const target = path.resolve(__dirname, '../../../openapi/openapi.json');
  mkdirSync(path.dirname(target), { recursive: true });
  const document = serialiseOpenApi(await generateOpenApiDocument());
  writeFileSync(target, document);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  mkdirSync(path.dirname(CLIENT_SCHEMA_PATH), { recursive: true });
  writeFileSync(CLIENT_SCHEMA_PATH, await generateClientSchema(document));
  process.stdout.write(`wrote ${path.relative(process.cwd(), CLIENT_SCHEMA_PATH)}\n`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
