import Table from 'cli-table3';
import { stringify } from 'yaml';

export type OutputFormat = 'table' | 'json' | 'yaml';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** One column of a table: its heading and how to read it from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

/** Writes to stdout in the chosen format; tables are plain text, no colours, no borders. */
export class Output {
  constructor(
    readonly format: OutputFormat,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  /** A list: a table with these columns, or the items as JSON/YAML. */
  list<T>(items: T[], columns: Column<T>[]): void {
    if (this.format !== 'table') return this.data(items);
    if (items.length === 0) return this.line('(none)');
    this.line(
      table(
        columns.map((c) => c.header),
        items.map((item) => columns.map((c) => cell(c.value(item)))),
      ),
    );
  }

  /** One resource: field and value, one a line (nested values as compact JSON), or the object as JSON/YAML. */
  record<T extends object>(value: T, fields?: Column<T>[]): void {
    if (this.format !== 'table') return this.data(value);
    const rows = fields
      ? fields.map((f) => [f.header, cell(f.value(value))])
      : Object.entries(value).map(([key, v]) => [key, cell(v)]);
    this.line(table(null, rows));
  }

  /** Anything as JSON or YAML; in table mode as YAML, which reads well. */
  data(value: unknown): void {
    if (this.format === 'json') this.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.write(stringify(value, { lineWidth: 0 }));
  }

  /** A line of text in table mode; JSON and YAML carry data only. */
  message(text: string): void {
    if (this.format === 'table') this.line(text);
  }

  line(text: string): void {
    this.write(`${text}\n`);
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function table(head: string[] | null, rows: string[][]): string {
  const t = new Table({
    head: head ?? [],
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows);
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
