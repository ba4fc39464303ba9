import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { generateOpenApiDocument, serialiseOpenApi } from './openapi';

/** Writes openapi/openapi.json from the code (`npm run openapi:generate`). */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '../../../openapi/openapi.json');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, serialiseOpenApi(await generateOpenApiDocument()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
