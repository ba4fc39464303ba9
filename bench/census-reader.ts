import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './util';

export interface CensusLine {
  caller: string;
  transactions: number;
  statements: number;
}

export type Totals = Record<string, { transactions: number; statements: number }>;

let censusFiles = 0;

/** The file a service started with `censusEnv()` writes its query census to (see query-census.ts); one per service process. */
export function censusEnv(): Record<string, string> {
  return { BENCH_QUERY_CENSUS: join(tmpdir(), `fm-query-census-${process.pid}-${Date.now()}-${++censusFiles}.json`) };
}

/** Asks the service for its running totals. */
export async function readCensus(file: string): Promise<Totals> {
  rmSync(file, { force: true });
  writeFileSync(`${file}.request`, '');
  for (let i = 0; i < 250 && existsSync(`${file}.request`); i++) await sleep(20);
  const totals = JSON.parse(readFileSync(file, 'utf8')) as Totals;
  rmSync(file, { force: true });
  return totals;
}

/** What was counted between two readings, biggest first. */
export function censusDelta(before: Totals, after: Totals): CensusLine[] {
  return Object.entries(after)
    .map(([caller, t]) => ({
      caller,
      transactions: t.transactions - (before[caller]?.transactions ?? 0),
      statements: t.statements - (before[caller]?.statements ?? 0),
    }))
    .filter((line) => line.transactions > 0 || line.statements > 0)
    .sort((a, b) => b.transactions - a.transactions || b.statements - a.statements);
}
