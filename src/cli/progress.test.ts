import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

/** A real stream collecting what is written; `isTTY` says what kind of output it stands for. */
function output(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('createProgress', () => {
  it('writes one plain line per step when the output is not a terminal', () => {
    const { stream, text } = output(false);
    const sut = createProgress(500, 'bookings', stream);

    sut.advance(250);
    sut.advance(500);
    sut.finish();

    expect(text()).toBe('250/500 bookings\n500/500 bookings\n');
  });

  it('draws a bar redrawn in place on a terminal, ending at the total', () => {
    const { stream, text } = output(true);
    const sut = createProgress(500, 'bookings', stream);

    sut.advance(250);
    sut.advance(500);
    sut.finish();

    expect(text()).toContain('500/500 bookings · 100%');
    expect(text()).toMatch(/\u001b\[/);
    expect(text()).not.toContain('250/500 bookings\n');
  });
});
