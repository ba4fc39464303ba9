import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databasePrefix, runId } from './test-environment';

/** Fails fast, with one clear line, when the PostgreSQL the tests need is not there. */
export default async function globalSetup(): Promise<void> {
  runId();
  const client = new Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_DATABASE_URL} (${(error as Error).message}); set TEST_POSTGRES_URL`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
  process.stdout.write(`\ntest run ${runId()}: databases ${databasePrefix()}_*, Redis keys fmtest:${runId()}:*\n`);
}
