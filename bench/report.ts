import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MachineInfo, PostgresInfo } from './machine';

export interface Figure {
  figure: string;
  measured: string;
  target: string;
  /** true/false against the target; null when the figure is for context only. */
  met: boolean | null;
}

export interface Report {
  date: Date;
  durationS: number;
  machine: MachineInfo;
  postgres: PostgresInfo;
  databases: string[];
  figures: Figure[];
  /** Free-form lines about how each figure was taken. */
  details: string[];
}

const metCell = (met: boolean | null): string => (met === null ? '—' : met ? 'yes' : '**no**');

export function renderReport(r: Report): string {
  const lines: string[] = [];
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    `Written by \`npm run bench\` (bench/run.ts) on ${r.date.toISOString()}; the run took ${r.durationS.toFixed(0)} s. ` +
      'Re-run it to refresh this page; it is overwritten each time. Targets come from DESIGN.md, section "Targets".',
  );
  lines.push('');
  lines.push('| figure | measured | target | met? |');
  lines.push('| --- | --- | --- | --- |');
  for (const f of r.figures) lines.push(`| ${f.figure} | ${f.measured} | ${f.target} | ${metCell(f.met)} |`);
  lines.push('');
  lines.push('## Machine');
  lines.push('');
  lines.push(`- CPU: ${r.machine.cpuModel}, ${r.machine.cores} cores`);
  lines.push(`- Memory: ${r.machine.memoryGb.toFixed(1)} GB`);
  lines.push(`- OS: ${r.machine.platform}`);
  lines.push(`- Node.js: ${r.machine.node}`);
  lines.push(
    `- Load average when the run started (1/5/15 min): ${r.machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(' / ')}`,
  );
  lines.push(`- PostgreSQL: ${r.postgres.version}, on the same machine (client and server share the cores)`);
  lines.push(
    `- PostgreSQL settings (SHOW): ${Object.entries(r.postgres.settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}`,
  );
  lines.push(
    `- Databases: ${r.databases.join(', ')}; each created fresh for its group of measurements and dropped right after it`,
  );
  lines.push('');
  lines.push('## How each figure was taken');
  lines.push('');
  for (const d of r.details) lines.push(`- ${d}`);
  lines.push('');
  return lines.join('\n');
}

export function writeReport(path: string, r: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderReport(r));
}
