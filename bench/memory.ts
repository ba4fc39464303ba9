/** Samples the resident set size of this process every 100 ms and keeps the peak, overall and per phase. */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private phase = 'start-up';
  peakBytes = 0;
  samples = 0;
  readonly peakByPhase = new Map<string, number>();

  start(intervalMs = 100): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const rss = process.memoryUsage().rss;
    this.samples++;
    if (rss > this.peakBytes) this.peakBytes = rss;
    if (rss > (this.peakByPhase.get(this.phase) ?? 0)) this.peakByPhase.set(this.phase, rss);
  }
}
