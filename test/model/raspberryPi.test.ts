import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { NfsServer, nfsServerMachine } from '../../src/model/nfsServer.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import { raspberryPiMachine } from '../../src/model/raspberryPiMachine.ts';
import type { RaspberryPiOverrides } from '../../src/model/raspberryPiParams.ts';
import { SD_CARD_DEFAULTS } from '../../src/model/sdCard.ts';
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
  const cardBytesPerSecond = SD_CARD_DEFAULTS.sustainedWriteBytesPerSecond;

  /** How long an SD-root Pi stays up under a constant write load, or undefined if it never crashes. */
  function sdLifeMs(writeBytesPerSecond: number, untilMs = 4 * HOUR_MS): number | undefined {
    const sd = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    sd.pi.setPortPower(true);
    sd.pi.setWriteLoad(writeBytesPerSecond);
    sd.context.kernel.run({ untilMs });
    const crashedAtMs = entered(sd.context, 'pi', 'crashed');
    if (crashedAtMs === undefined) return undefined;
    return crashedAtMs - (entered(sd.context, 'pi', 'up.cool') ?? NaN);
  }

  it('an SD-root Pi crashes sooner the further its writes exceed the card; the same load on an NFS root does not', () => {
    const twiceMs = sdLifeMs(2 * cardBytesPerSecond) ?? NaN;
    const fourTimesMs = sdLifeMs(4 * cardBytesPerSecond) ?? NaN;
    // The backlog grows with the excess over the card: three times the excess, a third of the time.
    expect(twiceMs / fourTimesMs).toBeCloseTo(3, 6);
    expect(twiceMs).toBeGreaterThan(60_000);
    expect(twiceMs).toBeLessThan(10 * 60_000);

    const nfs = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    nfs.pi.setPortPower(true);
    nfs.pi.setWriteLoad(4 * cardBytesPerSecond);
    nfs.context.kernel.run({ untilMs: 4 * HOUR_MS });
    expect(nfs.pi.state).toBe('up.cool');
    expect(nfs.pi.nfsWritebacksRefusedCount).toBe(0);
  });

  it('a load within the card never stalls, and a worn card dies sooner under it', () => {
    expect(sdLifeMs(0.9 * cardBytesPerSecond, 24 * HOUR_MS)).toBeUndefined();
    // A card with 99.9 % of its endurance used: the rest at 0.9 × the card's rate.
    const worn = onePi({ rootFilesystem: 'sd', bootSource: 'sd' });
    worn.pi.addSdWear(0.999 * SD_CARD_DEFAULTS.enduranceBytes);
    worn.pi.setPortPower(true);
    worn.pi.setWriteLoad(0.9 * cardBytesPerSecond);
    worn.context.kernel.run({ untilMs: 24 * HOUR_MS });
    expect(worn.pi.state).toBe('crashed');
    const lifeMs =
      (entered(worn.context, 'pi', 'crashed') ?? NaN) - (entered(worn.context, 'pi', 'up.cool') ?? NaN);
    const remainingBytes = 0.001 * SD_CARD_DEFAULTS.enduranceBytes;
    expect(lifeMs / 1000).toBeCloseTo(remainingBytes / (0.9 * cardBytesPerSecond), 0);
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

describe('NFS write-back', () => {
  it('conserves bytes across load changes: what the Pi writes is what the file server receives', () => {
    const { context, pi, nfsServer } = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 60_000 });
    // Loads that change every 10 s (the workload driver's interval) and at odd moments between.
    const loads = [190_000, 0, 1_000_000, 50_000, 3_000_000, 190_000, 0, 0, 700_000];
    let offeredBytes = 0;
    let atMs = 60_000;
    for (const [index, bytesPerSecond] of loads.entries()) {
      const stepMs = index % 2 === 0 ? 10_000 : 3_700;
      pi.setWriteLoad(bytesPerSecond);
      offeredBytes += (bytesPerSecond * stepMs) / 1000;
      atMs += stepMs;
      context.kernel.run({ untilMs: atMs });
    }
    pi.setWriteLoad(0);
    context.kernel.run({ untilMs: atMs + 60_000 });
    const bytes = pi.nfsBytes();
    expect(bytes.written).toBeCloseTo(offeredBytes, 3);
    expect(bytes.dirty).toBe(0);
    expect(bytes.lost).toBe(0);
    expect(bytes.delivered).toBeCloseTo(offeredBytes, 3);
    expect((nfsServer.rootOf('pi')?.bytesStored ?? 0) - nfsServer.params.rootBytes).toBeCloseTo(
      offeredBytes,
      3,
    );
    expect(pi.nic.transmit.bytesSent).toBeCloseTo(offeredBytes, 3);
  });

  it('loses only what was dirty when the Pi stops; an overloaded file server port fails the Pi past the patience', () => {
    const { context, pi } = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    pi.setPortPower(true);
    context.kernel.run({ untilMs: 60_000 });
    pi.setWriteLoad(1_000_000);
    context.kernel.run({ untilMs: 62_500 });
    pi.setPortPower(false);
    const bytes = pi.nfsBytes();
    expect(bytes.lost).toBeGreaterThan(0);
    expect(bytes.written).toBeCloseTo(bytes.delivered + bytes.lost, 3);

    // A server port so slow that every write-back is refused: the Pi's IO stalls, then fails.
    const slow = onePi({ rootFilesystem: 'nfs', bootSource: 'sd' });
    const overloaded = new NfsServer(slow.context, 'slowserver', {
      portBitsPerSecond: 1_000,
      portBacklogMsMax: 1,
    });
    const pi2 = createRaspberryPi(
      slow.context,
      'pi2',
      'pi3',
      { rootFilesystem: 'nfs', bootSource: 'sd' },
      {
        nfsServer: overloaded,
      },
    );
    pi2.setPortPower(true);
    slow.context.kernel.run({ untilMs: 60_000 });
    pi2.setWriteLoad(1_000_000);
    slow.context.kernel.run({ untilMs: 60_000 + 10 * 60_000 });
    expect(pi2.state).toBe('crashed');
    const crashedAtMs =
      slow.context.parts.get('pi2')?.states.find((change) => change.state === 'crashed')?.atMs ?? NaN;
    // Refused from the second write-back on; failed once refused for the kernel's 120 s.
    expect(crashedAtMs - 60_000).toBeGreaterThanOrEqual(120_000);
    expect(crashedAtMs - 60_000).toBeLessThanOrEqual(120_000 + 2 * 5_000 + 31_000);
  });
});

it('every state and transition of the Pi and file server machines is reached by the tests above', () => {
  expect(coverage.missing(raspberryPiMachine, 'raspberryPi')).toEqual({ states: [], transitions: [] });
  expect(coverage.missing(nfsServerMachine, 'nfsServer')).toEqual({ states: [], transitions: [] });
});
