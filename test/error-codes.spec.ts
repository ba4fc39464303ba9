import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { PROBLEM_CODES } from '../src/platform/http/problem-catalogue';

/**
 * One code, one meaning, written down: every code of the problem catalogue (what the API reference
 * promises clients), and every code the service's source can refuse with, has a row in the README's
 * error table.
 */
const root = path.resolve(__dirname, '..', '..');

/** The codes in the README's "Error codes" section (up to the next heading). */
export function errorTableCodes(readme: string): Set<string> {
  const start = readme.indexOf('\n## Error codes');
  if (start < 0) throw new Error('README.md has no "## Error codes" section');
  const rest = readme.slice(start + 1);
  const end = rest.slice(1).search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end + 1);
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return new Set(rows.flatMap((row) => [...row.split(' | ')[0].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])));
}

/** The literal codes of DomainError and ProblemError in the service's source (tests left out). */
function sourceCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const full = path.join(directory, entry);
      if (statSync(full).isDirectory()) {
        if (entry !== 'generated' && entry !== 'client') visit(full);
      } else if (entry.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry)) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/\b(?:DomainError|ProblemError)\(\s*(?:\d+,\s*)?'([A-Z][A-Z0-9_]+)'/g)) {
          if (!found.has(m[1])) found.set(m[1], path.relative(root, full));
        }
      }
    }
  };
  visit(path.join(root, 'src'));
  return found;
}

describe("the README's error table", () => {
  const table = errorTableCodes(readFileSync(path.join(root, 'README.md'), 'utf8'));

  it('lists every code of the problem catalogue', () => {
    expect(PROBLEM_CODES.length).toBeGreaterThan(50);
    expect(PROBLEM_CODES.filter((code) => !table.has(code))).toEqual([]);
  });

  it('lists every code the service refuses with', () => {
    const codes = sourceCodes();
    expect(codes.size).toBeGreaterThan(50);
    const missing = [...codes].filter(([code]) => !table.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('reads the codes of the table only, and notices one missing', () => {
    const readme = '# X\n\n## Error codes\n\n| code | meaning |\n| --- | --- |\n| `A_ONE` (400), `B_TWO` | x `NOT_A_CODE` |\n\n### Next\n| `C_THREE` | y |\n';
    const codes = errorTableCodes(readme);
    expect([...codes]).toEqual(['A_ONE', 'B_TWO']);
    expect(['A_ONE', 'C_THREE', 'NOT_A_CODE'].filter((code) => !codes.has(code))).toEqual(['C_THREE', 'NOT_A_CODE']);
  });
});
