/**
 * Progress of a long import on the error stream (stdout stays for results): a bar redrawn in
 * place on a terminal, one plain line per batch otherwise (logs, CI, pipes), so a redirected run
 * never fills a file with control characters.
 */
import cliProgress from 'cli-progress';

/** Reports `done` of `total` as work advances; `finish` once the work has stopped. */
export interface Progress {
  advance(done: number): void;
  finish(): void;
}

/** A progress reporter for `total` items of `label` (e.g. `bookings`) on `stream`. */
export function createProgress(total: number, label: string, stream: NodeJS.WriteStream): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `{bar} {value}/{total} ${label} · {percentage}% · {eta_formatted} left`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { advance: (done) => bar.update(done), finish: () => bar.stop() };
  }
  return {
    advance: (done) => stream.write(`${done}/${total} ${label}\n`),
    finish: () => undefined,
  };
}
