import { readFileSync } from 'node:fs';
import * as webStreams from 'node:stream/web';
import { ReadableStream } from './web-streams-on-demand';

describe('the ReadableStream an HTTP bundle gives @middy/core', () => {
  it('recognises a web stream, and nothing else, as node:stream/web does', () => {
    const stream = new webStreams.ReadableStream();

    expect(stream instanceof ReadableStream).toBe(true);
    expect(('a body' as unknown) instanceof ReadableStream).toBe(false);
    expect({ getReader: () => undefined } instanceof ReadableStream).toBe(false);
  });

  it('is all @middy/core asks of node:stream/web: an instanceof test', () => {
    const middy = readFileSync(require.resolve('@middy/core'), 'utf8');

    const uses = middy.split('\n').filter((line) => /\bReadableStream\b/.test(line) && !line.includes('Error('));

    expect(uses.map((line) => line.trim())).toEqual([
      'import { ReadableStream } from "node:stream/web";',
      'handlerBody instanceof ReadableStream',
    ]);
  });
});
