import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { NfsServer, nfsServerMachine } from '../../src/model/nfsServer.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import { raspberryPiMachine } from '../../src/model/raspberryPiMachine.ts';
import type { RaspberryPiOverrides } from '../../src/model/raspberryPiParams.ts';
import { MachineCoverage } from '../support/machineCoverage.ts';
import { buildPiCluster } from '../support/piEstate.ts';

const coverage = new MachineCoverage();
const HOUR_MS = 3_600_000;

function onePi(
  overrides: RaspberryPiOverrides,
  seed = 1,
): { context: ModelContext; pi: RaspberryPi; nfsServer: NfsServer } {
  const context = coverage.track(createModelContext(new Kernel({ seed })));
  const nfsServer = new NfsServer(context, 'fileserver');
  const pi = createRaspberryPi(
    context,
    'pi',
    'pi3',
    { netboot: { stallProbability: 0 }, ...overrides },
    { nfsServer },
  );
  return { context, pi, nfsServer };
}

/** When the part with this id entered a state, from the trace. */
function entered(context: ModelContext, part: string, state: string): number | undefined {
  return context.parts.get(part)?.states.find((change) => change.state === state)?.atMs;
}

describe('Raspberry Pi root filesystem under sustained writes (004_b8bc5fb3cdb64335.txt)', () => {
  // 3 MB/s of writes against a card that sustains 1.5 MB/s (sdCard.ts, an assumption).
  const writeBytesPerSecond = 3_000_000;

  it('an SD-root Pi under writes above its card capability crashes; the same load on an NFS root does not', () => {
    const sd = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    sd.pi.setPortPower(true);
    sd.pi.setWriteLoad(writeBytesPerSecond);
    sd.context.kernel.run({ untilMs: 4 * HOUR_MS });
    expect(sd.pi.state).toBe('crashed');
    expect(sd.pi.isAccepting()).toBe(false);
    const upAtMs = entered(sd.context, 'pi', 'up.cool') ?? NaN;
    const crashedAtMs = entered(sd.context, 'pi', 'crashed') ?? NaN;
    // Backlog grows at 1.5 MB/s; the stall reaches the kernel's 120 s patience at 180 MB, after 120 s.
    expect(crashedAtMs - upAtMs).toBeCloseTo(120_000, 3);
    const failure = sd.context.kernel.trace
      .lines()
      .map((line) => JSON.parse(line) as { event: string; details: { cause?: string; ioStallMs?: number } })
      .find((line) => line.event === 'storageFailed');
    expect(failure?.details.cause).toBe('ioStall');
    expect(failure?.details.ioStallMs).toBeCloseTo(120_000, 3);

    const nfs = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    nfs.pi.setPortPower(true);
    nfs.pi.setWriteLoad(writeBytesPerSecond);
    nfs.context.kernel.run({ untilMs: 4 * HOUR_MS });
    expect(nfs.pi.state).toBe('up.cool');
    expect(nfs.pi.nfsWritebacksRefusedCount).toBe(0);
    // The writes went over the Pi's NIC to its copy on the file server.
    const upMs = entered(nfs.context, 'pi', 'up.cool') ?? NaN;
    const expectedBytes = Math.floor((4 * HOUR_MS - upMs) / 5_000) * 5 * writeBytesPerSecond;
    expect(nfs.pi.nic.transmit.bytesSent).toBe(expectedBytes);
    expect(nfs.nfsServer.rootOf('pi')?.bytesStored).toBe(381e6 + expectedBytes);
  });

  it('a load within the card capability never stalls, and a worn card dies sooner under it', () => {
    const fresh = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    fresh.pi.setPortPower(true);
    fresh.pi.setWriteLoad(1_000_000);
    fresh.context.kernel.run({ untilMs: 24 * HOUR_MS });
    expect(fresh.pi.state).toBe('up.cool');
    expect(fresh.pi.sdCardStatus().ioStallMs).toBe(0);

    // A card with 99.9 % of its endurance used has 2.4 GB left: 2,400 s at 1 MB/s.
    const worn = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    worn.pi.addSdWear(0.999 * 2.4e12);
    worn.pi.setPortPower(true);
    worn.pi.setWriteLoad(1_000_000);
    worn.context.kernel.run({ untilMs: 24 * HOUR_MS });
    expect(worn.pi.state).toBe('crashed');
    const lifeMs =
      (entered(worn.context, 'pi', 'crashed') ?? NaN) - (entered(worn.context, 'pi', 'up.cool') ?? NaN);
    expect(lifeMs).toBeCloseTo(2_400_000, 0);
    // A new card brings it back after a power cycle.
    worn.pi.replaceSdCard();
    worn.pi.setPortPower(false);
    worn.pi.setPortPower(true);
    worn.context.kernel.run({ untilMs: 48 * HOUR_MS });
    expect(worn.pi.state).toBe('up.cool');
    expect(worn.pi.sdCardStatus().wearShare).toBeLessThan(0.1);
  });

  it('a dead SD card crashes an SD-root Pi at once and leaves an NFS-root Pi running', () => {
    const sd = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    const nfs = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    for (const { context, pi } of [sd, nfs]) {
      pi.setPortPower(true);
      context.kernel.run({ untilMs: 60_000 });
      pi.failSdCard();
      context.kernel.run({ untilMs: 120_000 });
    }
    expect(sd.pi.state).toBe('crashed');
    expect(nfs.pi.state).toBe('up.cool');
  });

  it('an NFS-root Pi hangs while its file server is down, and cannot boot until it is back', () => {
    const { context, pi, nfsServer } = onePi({ rootFilesystem: 'nfs', bootSource: 'network' });
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 60_000 });
    expect(pi.isAccepting()).toBe(true);
    nfsServer.crash();
    expect(nfsServer.state).toBe('down');
    expect(pi.isAccepting()).toBe(false);
    pi.setPortPower(false);
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 120_000 });
    expect(pi.state).toBe('booting.stalled');
    nfsServer.restore();
    pi.setPortPower(false);
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 180_000 });
    expect(pi.state).toBe('up.cool');
  });
});

describe('Raspberry Pi boot (002_ec1b4f84e52af146.txt, 004_b8bc5fb3cdb64335.txt)', () => {
  it('netboots through DHCP, TFTP, kernel and NFS root; boots from SD without DHCP and TFTP', () => {
    const net = onePi({ bootSource: 'network' });
    net.pi.setPortPower(true);
    net.context.kernel.run({ untilMs: 60_000 });
    expect(net.context.parts.get('pi')?.states.map((change) => `${change.atMs}:${change.state}`)).toEqual([
      '0:off',
      '0:booting.firmware',
      '1000:booting.dhcp',
      '3000:booting.tftp',
      '7000:booting.kernel',
      '13000:booting.mountRoot',
      '33000:up.cool',
    ]);
    const sd = onePi({ bootSource: 'sd', rootFilesystem: 'sd' });
    sd.pi.setPortPower(true);
    sd.context.kernel.run({ untilMs: 60_000 });
    expect(sd.context.parts.get('pi')?.states.map((change) => change.state)).toEqual([
      'off',
      'booting.firmware',
      'booting.kernel',
      'booting.mountRoot',
      'up.cool',
    ]);
  });

  it('stalls at each network stage, and stays stalled until the power is cut', () => {
    for (const stage of ['dhcp', 'tftp', 'mountRoot'] as const) {
      const { context, pi } = onePi({ bootSource: 'network' });
      pi.stallNextBoot(stage);
      pi.setPortPower(true);
      context.kernel.run({ untilMs: 48 * HOUR_MS });
      expect(pi.state).toBe('booting.stalled');
      pi.setPortPower(false);
      expect(pi.state).toBe('off');
    }
  });

  it('stalls about as often as its stall probability says, the same way for the same seed', () => {
    const stallsForSeed = (seed: number): number => {
      const { kernel, pis } = buildPiCluster({
        seed,
        piCount: 20,
        pi: { netboot: { stallProbability: 0.2 } },
        network: { poeBudgetWatts: 100 },
        track: (context) => coverage.track(context),
      });
      kernel.run({ untilMs: HOUR_MS });
      return pis.filter((pi) => pi.state === 'booting.stalled').length;
    };
    const counts = [1, 2, 3, 4, 5].map(stallsForSeed);
    const total = counts.reduce((sum, count) => sum + count, 0);
    // 100 boots at 20 %: 20 expected, sd 4.
    expect(total).toBeGreaterThanOrEqual(10);
    expect(total).toBeLessThanOrEqual(30);
    expect(stallsForSeed(3)).toBe(counts[2]);
  });

  it('throttles and unthrottles only while up, and a throttled Pi page time rises', () => {
    const { context, pi } = onePi({ bootSource: 'network' });
    pi.setThrottled(true);
    expect(pi.state).toBe('off');
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 60_000 });
    expect(pi.pageTimeMs()).toBe(700); // Pi 3 on PHP 7 (003_fadcec8afe75cc12.txt)
    pi.setThrottled(true);
    expect(pi.state).toBe('up.throttled');
    expect(pi.pageTimeMs()).toBe(1_400);
    expect(pi.powerDrawWatts()).toBe(1.5);
    pi.setThrottled(false);
    expect(pi.state).toBe('up.cool');
  });

  it('gives clear errors naming the Pi and what was expected', () => {
    const context = createModelContext(new Kernel({ seed: 1 }));
    expect(() => createRaspberryPi(context, 'p1', 'pi3', { cores: 0, rootFilesystem: 'sd' })).toThrow(
      /raspberryPi p1: cores must be a whole number in 1..64, got 0/,
    );
    expect(() => createRaspberryPi(context, 'p2', 'pi3')).toThrow(
      /raspberryPi p2: rootFilesystem 'nfs' needs an nfsServer/,
    );
    expect(() =>
      createRaspberryPi(context, 'p3', 'pi3', { rootFilesystem: 'sd', netboot: { stallProbability: 2 } }),
    ).toThrow(/netboot.stallProbability must be in \[0, 1\], got 2/);
    const pi = createRaspberryPi(context, 'p4', 'pi2', { rootFilesystem: 'sd', bootSource: 'sd' });
    expect(pi.uncachedPageCpuMs).toBe(900); // Pi 2 (003_fadcec8afe75cc12.txt)
    expect(() => pi.setWriteLoad(-1)).toThrow(
      /raspberryPi p4: setWriteLoad: bytesPerSecond must be a non-negative number, got -1/,
    );
    expect(() => pi.stallNextBoot('dhcp')).toThrow(/booting from SD can stall only at 'mountRoot'/);
  });

  it('replays byte for byte: same seed, same trace hash', () => {
    const hashFor = (seed: number): string => {
      const { kernel, network, pis } = buildPiCluster({ seed, pi: { netboot: { stallProbability: 0.3 } } });
      for (const pi of pis) pi.setWriteLoad(500_000);
      kernel.run({ untilMs: 10 * 60_000 });
      for (let port = 1; port <= pis.length; port++) network.powerCyclePort(port);
      kernel.run({ untilMs: 20 * 60_000 });
      return kernel.trace.hash();
    };
    expect(hashFor(42)).toBe(hashFor(42));
    expect(hashFor(42)).not.toBe(hashFor(43));
  });
});

it('every state and transition of the Pi and file server machines is reached by the tests above', () => {
  expect(coverage.missing(raspberryPiMachine, 'raspberryPi')).toEqual({ states: [], transitions: [] });
  expect(coverage.missing(nfsServerMachine, 'nfsServer')).toEqual({ states: [], transitions: [] });
});
