import { MultiBar, Presets, SingleBar } from 'cli-progress';

/** One tracked piece of work: a label, how far (value of total) and a word on its state. */
export interface ProgressItem {
  key: string;
  label: string;
  value: number;
  total: number;
  status: string;
}

/**
 * Progress of long work. In a terminal, live bars redrawn in place (on stderr); elsewhere (CI,
 * pipes) one line per change on stdout, so a log shows every step once and nothing else.
 */
export interface ProgressView {
  show(items: ProgressItem[]): void;
  /** A line above the bars (or in the log): something that happened once. */
  note(text: string): void;
  stop(): void;
}

export function createProgressView(terminal: boolean, write: (text: string) => void): ProgressView {
  return terminal ? new BarsView() : new LinesView(write);
}

class LinesView implements ProgressView {
  private readonly last = new Map<string, string>();

  constructor(private readonly write: (text: string) => void) {}

  show(items: ProgressItem[]): void {
    for (const item of items) {
      const text = `${item.label}: ${item.status}${item.total > 1 ? ` (${item.value}/${item.total})` : ''}`;
      if (this.last.get(item.key) === text) continue;
      this.last.set(item.key, text);
      this.write(`${text}\n`);
    }
  }

  note(text: string): void {
    this.write(`${text}\n`);
  }

  stop(): void {}
}

class BarsView implements ProgressView {
  private readonly bars = new Map<string, SingleBar>();
  private readonly multibar = new MultiBar(
    {
      format: ' {label} [{bar}] {value}/{total} {status}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 24,
      stream: process.stderr,
      autopadding: true,
    },
    Presets.shades_classic,
  );

  show(items: ProgressItem[]): void {
    const width = Math.max(...items.map((i) => i.label.length), 0);
    for (const item of items) {
      const payload = { label: item.label.padEnd(width), status: item.status };
      const bar = this.bars.get(item.key);
      if (!bar) this.bars.set(item.key, this.multibar.create(Math.max(item.total, 1), item.value, payload));
      else {
        bar.setTotal(Math.max(item.total, 1));
        bar.update(item.value, payload);
      }
    }
  }

  note(text: string): void {
    this.multibar.log(`${text}\n`);
  }

  stop(): void {
    this.multibar.stop();
  }
}
