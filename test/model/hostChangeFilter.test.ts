import { describe, expect, it } from 'vitest';
import { ChangeFilteredHost } from '../../src/model/hostChangeFilter.ts';
import type { WebServerHost } from '../../src/model/webServerHost.ts';

/** A host whose listeners are told of every change, as a Pi tells them of each change of its draw. */
class NoisyHost implements WebServerHost {
  readonly id = 'noisy';
  readonly workerSlots = 4;
  readonly uncachedPageCpuMs = 700;
  readonly nic = undefined;
  accepting = true;
  slowdown = 1;
  private readonly listeners: Array<() => void> = [];

  cpuSlowdown(): number {
    return this.slowdown;
  }
  isAccepting(): boolean {
    return this.accepting;
  }
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
  change(update: () => void = () => {}): void {
    update();
    for (const listener of this.listeners) listener();
  }
}

function filtered(): { host: NoisyHost; filter: ChangeFilteredHost; calls: string[] } {
  const host = new NoisyHost();
  const filter = new ChangeFilteredHost(host);
  const calls: string[] = [];
  filter.onChange(() => calls.push(`a:${filter.isAccepting()}/${filter.cpuSlowdown()}`));
  filter.onChange(() => calls.push('b'));
  return { host, filter, calls };
}

describe('ChangeFilteredHost', () => {
  it('passes on a change of accepting or of CPU slowdown, to every listener in order', () => {
    const { host, calls } = filtered();
    host.change(() => (host.accepting = false));
    host.change(() => (host.slowdown = 1.5));
    expect(calls).toEqual(['a:false/1', 'b', 'a:false/1.5', 'b']);
  });

  it('holds back changes that leave what a web server reads as it was', () => {
    const { host, calls } = filtered();
    for (let index = 0; index < 100; index++) host.change();
    expect(calls).toEqual([]);
    host.change(() => (host.accepting = false));
    host.change();
    host.change(() => (host.accepting = true));
    expect(calls).toEqual(['a:false/1', 'b', 'a:true/1', 'b']);
  });

  it('compares with the host as it was when the first listener came, not when the filter was made', () => {
    const host = new NoisyHost();
    const filter = new ChangeFilteredHost(host);
    host.accepting = false;
    let calls = 0;
    filter.onChange(() => calls++);
    host.change(() => (host.accepting = true));
    expect(calls).toBe(1);
  });

  it('reads through to the host', () => {
    const { host, filter } = filtered();
    host.slowdown = 2;
    expect([filter.id, filter.workerSlots, filter.uncachedPageCpuMs, filter.cpuSlowdown()]).toEqual([
      'noisy',
      4,
      700,
      2,
    ]);
    expect(filter.isServing).toBeUndefined();
  });
});
