import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe('exitQuietlyOnBrokenPipe', () => {
  it('ends with exit code 0 when the reader has closed the pipe', () => {
    const stdout = new EventEmitter();
    const exit = jest.fn();
    exitQuietlyOnBrokenPipe(stdout, exit);
    stdout.emit('error', failure('EPIPE'));
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('lets any other write error through', () => {
    const stdout = new EventEmitter();
    const exit = jest.fn();
    exitQuietlyOnBrokenPipe(stdout, exit);
    expect(() => stdout.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
    expect(exit).not.toHaveBeenCalled();
  });

  it('makes a process whose stdout was closed end quietly (a real pipe, closed before it writes)', async () => {
    // The child writes only after the parent has closed its end: every write meets EPIPE.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `require(${JSON.stringify(require.resolve('./broken-pipe'))}).exitQuietlyOnBrokenPipe(process.stdout);
         process.stdin.once('data', () => { for (let i = 0; i < 1000; i += 1) process.stdout.write('line\\n'); });`,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy();
    child.stdin.end('go\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
