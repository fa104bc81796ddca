import { describe, expect, it } from 'vitest';
import { classifier, defaultKindOf } from '../../../src/scenarios/accessLog/classify.ts';
import { parseAccessLogLine } from '../../../src/scenarios/accessLog/parseLine.ts';
import { MALFORMED_SHARE_MAX, readAccessLog } from '../../../src/scenarios/accessLog/readLog.ts';

const line = (time: string, request: string, status = 200) =>
  `203.0.113.7 - - [${time}] "${request}" ${status} 5120 "-" "Mozilla/5.0 (X11; Linux armv7l)"`;

describe('the combined-format parser', () => {
  it('reads the time in UTC whatever the zone, the method, the path and the status', () => {
    const entry = parseAccessLogLine(
      line('26/Nov/2015:08:00:05 +0000', 'GET /blog/raspberry-pi-zero/ HTTP/1.1'),
    );
    expect(entry).toEqual({
      epochSecond: Date.UTC(2015, 10, 26, 8, 0, 5) / 1000,
      method: 'GET',
      path: '/blog/raspberry-pi-zero/',
      status: 200,
    });
    // 09:00:05 one hour east of UTC is the same instant.
    const east = parseAccessLogLine(line('26/Nov/2015:09:00:05 +0100', 'GET / HTTP/1.1'));
    expect(east?.epochSecond).toBe(entry?.epochSecond);
    const west = parseAccessLogLine(line('26/Nov/2015:03:00:05 -0500', 'GET / HTTP/1.1'));
    expect(west?.epochSecond).toBe(entry?.epochSecond);
  });

  it('accepts the common format (no referer or agent) and a "-" size', () => {
    const common =
      '198.51.100.2 - alice [01/Jan/2016:00:00:00 +0000] "POST /wp-comments-post.php HTTP/1.0" 302 -';
    expect(parseAccessLogLine(common)?.method).toBe('POST');
  });

  it('refuses torn lines, other formats, impossible dates and unknown months', () => {
    for (const bad of [
      '66.249.66.1 - - [26/Nov/2015:08:03:1',
      '2015-11-26 08:01:02 GET /blog/ 200',
      line('31/Feb/2015:08:00:00 +0000', 'GET / HTTP/1.1'),
      line('26/Nvm/2015:08:00:00 +0000', 'GET / HTTP/1.1'),
      line('26/Nov/2015:25:00:00 +0000', 'GET / HTTP/1.1'),
      '10.0.0.1 - - [26/Nov/2015:08:44:12 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"',
    ])
      expect(parseAccessLogLine(bad)).toBeUndefined();
  });
});

describe('classing requests', () => {
  const kindOf = (method: string, path: string) =>
    defaultKindOf({ epochSecond: 0, method, path, status: 200 });

  it('by WordPress’s paths: comments, uploads, admin, static files, query strings, pages', () => {
    expect(kindOf('POST', '/wp-comments-post.php')).toBe('comments');
    expect(kindOf('POST', '/wp-admin/async-upload.php')).toBe('uploads');
    expect(kindOf('GET', '/wp-admin/post.php?post=1&action=edit')).toBe('admin');
    expect(kindOf('POST', '/wp-login.php')).toBe('admin');
    expect(kindOf('GET', '/wp-content/uploads/2015/11/zero.jpg')).toBe('static');
    expect(kindOf('GET', '/favicon.ico')).toBe('static');
    expect(kindOf('GET', '/blog/weekly-roundup/?replytocom=12')).toBe('uncached');
    expect(kindOf('POST', '/contact/')).toBe('uncached');
    expect(kindOf('GET', '/blog/weekly-roundup/')).toBe('cached');
  });

  it('by the user’s rules first, in order, with an optional method', () => {
    const classify = classifier([
      { pattern: '^/jam/register', method: 'POST', kind: 'slow' },
      { pattern: '^/jam/', kind: 'uncached' },
    ]);
    const entry = (method: string, path: string) => ({ epochSecond: 0, method, path, status: 200 });
    expect(classify(entry('POST', '/jam/register/'))).toBe('slow');
    expect(classify(entry('GET', '/jam/register/'))).toBe('uncached');
    expect(classify(entry('GET', '/blog/'))).toBe('cached');
  });
});

describe('reading a log', () => {
  const good = (second: number) =>
    line(`26/Nov/2015:08:00:${String(second).padStart(2, '0')} +0000`, 'GET /blog/ HTTP/1.1');

  it('counts malformed lines and skips blank ones, and orders requests by time', () => {
    const text = [good(5), 'garbage', '', good(3), good(4), '   '].join('\n');
    const read = readAccessLog(
      [...text.split('\n'), ...Array.from({ length: 30 }, (_, index) => good(10 + (index % 40)))].join('\n'),
      classifier(),
    );
    if (!read.ok) throw new Error(read.found);
    expect(read.log.lines).toBe(34);
    expect(read.log.malformed).toBe(1);
    expect(read.log.firstMalformed).toEqual({ line: 2, text: 'garbage' });
    expect(read.log.offsetsSeconds.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it(`refuses a log with more than ${MALFORMED_SHARE_MAX * 100} % malformed lines, naming the first`, () => {
    const lines = Array.from({ length: 100 }, (_, index) => good(index % 60));
    const under = readAccessLog(
      [...lines.slice(0, 95), ...Array(5).fill('bad line')].join('\n'),
      classifier(),
    );
    expect(under.ok).toBe(true);
    const over = readAccessLog(
      [...lines.slice(0, 94), ...Array(6).fill('bad line')].join('\n'),
      classifier(),
    );
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.line).toBe(95);
    expect(over.found).toContain('6 malformed lines of 100, the first at line 95: bad line');
  });

  it('refuses an empty log and one with no combined-format line', () => {
    expect(readAccessLog('\n\n', classifier()).ok).toBe(false);
    expect(readAccessLog('a\nb\n', classifier()).ok).toBe(false);
  });
});
