import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChecksum } from '../src/checksum.js';
import { formatBytes, formatDuration } from '../src/format.js';
import { parseEntries } from '../src/input/parse-entries.js';
import { untilAborted } from '../src/input/until-aborted.js';
import { parseHeaders, parseInteger } from '../src/parse-values.js';
import { OrderedLines } from '../src/run/fetch-output.js';
import { uniqueName } from '../src/unique-name.js';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('input parsing', { timeout: 60_000 }, () => {
  it('reads URLs with their indented options, skipping blanks and comments', async () => {
    const hex = 'ab'.repeat(32);
    const entries = await collect(
      parseEntries(
        from([
          '  out=stray',
          '# comment',
          'http://h/a\thttp://mirror/a\t',
          '  out=dir/a.bin',
          `  checksum=SHA-256=${hex.toUpperCase()}`,
          '',
          'http://h/b',
          '\tchecksum=md4=00',
          'http://h/c',
          '  out',
        ]),
        'list',
      ),
    );
    assert.deepEqual(entries, [
      { url: '', source: 'list:1', problem: 'option line before any URL' },
      {
        url: 'http://h/a',
        mirrors: ['http://mirror/a'],
        source: 'list:3',
        out: 'dir/a.bin',
        checksum: { algorithm: 'sha-256', digest: hex },
      },
      {
        url: 'http://h/b',
        source: 'list:7',
        problem: 'unsupported checksum type "md4" (use md5, sha-1, sha-224, sha-256, sha-384, sha-512)',
      },
      { url: 'http://h/c', source: 'list:9', problem: 'expected an indented "key=value" line, got "out"' },
    ]);
    assert.equal(parseChecksum('sha-1=abc'), 'checksum sha-1 expects 40 hex digits, got "abc"');
  });

  it('untilAborted stops at once, even while the source waits', async () => {
    const controller = new AbortController();
    const never = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<number>>(() => undefined) }),
    };
    const reading = collect(untilAborted(never, controller.signal));
    controller.abort();
    assert.deepEqual(await reading, []);
  });
});

describe('small helpers', { timeout: 60_000 }, () => {
  it('uniqueName: 16 hex digits of the normalized URL, plus a plain extension', () => {
    const name = uniqueName('http://Example.com:80/a/b/report.PDF?x=1');
    assert.match(name, /^[0-9a-f]{16}\.PDF$/);
    assert.equal(uniqueName('http://example.com/a/b/report.PDF?x=1'), name);
    assert.notEqual(uniqueName('http://example.com/a/b/report.PDF?x=2'), name);
    assert.match(uniqueName('http://example.com/'), /^[0-9a-f]{16}$/);
    assert.match(uniqueName('http://example.com/a.b$c'), /^[0-9a-f]{16}$/);
  });

  it('parses headers, joining repeats, and integers strictly', () => {
    assert.deepEqual(parseHeaders(['Accept: a', 'X-Id:  7 ', 'accept: b', 'Empty:']), {
      accept: 'a, b',
      'x-id': '7',
      empty: '',
    });
    assert.throws(() => parseHeaders(['X: caf\u0100']), /--header value must not contain/);
    assert.deepEqual(parseHeaders(['User-Agent: mine'], { 'user-agent': 'drover/1', other: 'kept' }), {
      'user-agent': 'mine',
      other: 'kept',
    });
    assert.equal(parseInteger('--n', '007', 1), 7);
    assert.throws(() => parseInteger('--n', '1e3', 1), /--n expects an integer >= 1, got "1e3"/);
    assert.throws(() => parseInteger('--n', '99999999999999999999', 1), /--n expects an integer/);
  });

  it('OrderedLines writes in input order and flushes holes', () => {
    const written: string[] = [];
    const lines = new OrderedLines((line) => written.push(line));
    lines.add(2, 'c');
    lines.add(0, 'a');
    assert.deepEqual(written, ['a']);
    lines.add(1, 'b');
    lines.add(5, 'f');
    assert.deepEqual(written, ['a', 'b', 'c']);
    lines.flush();
    assert.deepEqual(written, ['a', 'b', 'c', 'f']);
  });

  it('formats bytes and durations', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(10 * 1024 ** 3), '10.0 GiB');
    assert.equal(formatDuration(800), '0.8 s');
    assert.equal(formatDuration(185_000), '3m 05s');
    assert.equal(formatDuration(7_620_000), '2h 07m');
  });
});
