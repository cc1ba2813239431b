/**
 * A one-line progress bar for long imports, on a terminal only: redrawn at most every {@link PROGRESS_INTERVAL_MS}
 * (about 10 times a second), erased when done. On anything but a TTY (a pipe, a log file) it writes nothing.
 */

/** The least time between two redraws. */
export const PROGRESS_INTERVAL_MS = 100;

const WIDTH = 30;

/** The bits of a stream the bar uses (`process.stderr` fits). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A throttled progress bar; see the module comment. */
export class ProgressBar {
  private last = -Infinity;
  private drawn = false;
  private readonly enabled: boolean;

  /** `now` is the clock in milliseconds (tests pass a fake one). */
  constructor(
    private readonly out: ProgressOutput,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.enabled = out.isTTY === true;
  }

  /** Shows `label` at `done` of `total`; skipped when the last redraw was under the interval ago. */
  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * WIDTH);
    this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${label}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar (if it was drawn) so the next line starts clean. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
    this.last = -Infinity;
  }
}
