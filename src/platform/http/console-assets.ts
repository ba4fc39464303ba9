import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build` puts the console (the compiled service runs from dist/src). */
export const CONSOLE_ROOT = path.resolve(__dirname, '../../../console');

/**
 * Serves the built console at `/`. One route per built file (no wildcard), so every other
 * unknown path still gets the API's problem+json 404. Hashed assets never change; the page
 * itself is revalidated so a new build is picked up at once.
 */
export async function serveConsole(app: NestFastifyApplication, root = CONSOLE_ROOT): Promise<boolean> {
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    setHeaders: (reply, file) => {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
