import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import { NetworkSwitch, networkSwitchMachine } from '../../src/model/networkSwitch.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import { MachineCoverage } from '../support/machineCoverage.ts';
import { buildPiCluster } from '../support/piEstate.ts';

const coverage = new MachineCoverage();
const track = coverage.track.bind(coverage);
/** Boot of a netbooting Pi with no stall: firmware + DHCP + TFTP + kernel + NFS root (raspberryPiParams). */
const NETBOOT_MS = 1_000 + 2_000 + 4_000 + 6_000 + 20_000;

describe('switch: power over Ethernet (004_b8bc5fb3cdb64335.txt, 002_ec1b4f84e52af146.txt)', () => {
  it('power-cycling a port reboots that Pi through netboot and no other', () => {
    const estate = buildPiCluster({ pi: { netboot: { stallProbability: 0 } }, track });
    const { kernel, network, pis } = estate;
    kernel.run({ untilMs: 60_000 });
    expect(pis.every((pi) => pi.state === 'up.cool')).toBe(true);
    expect(network.poeAllocatedWatts()).toBeCloseTo(8 * 2, 9); // "the Pi 3 consuming 2W" (002_…)
    const cycled = pis[2];
    if (cycled === undefined) throw new Error('no pi3');
    const seen: string[] = [];
    cycled.onChange(() => seen.push(cycled.state));
    const result = network.powerCyclePort(network.portOf(cycled.id) ?? 0);
    expect(result.outcome).toBe('unpowered');
    kernel.run({ untilMs: 60_000 + network.params.powerCycleOffMs + NETBOOT_MS + 1 });
    expect(seen).toEqual([
      'off',
      'booting.firmware',
      'booting.dhcp',
      'booting.tftp',
      'booting.kernel',
      'booting.mountRoot',
      'up.cool',
    ]);
    expect(cycled.boots).toBe(2);
    for (const pi of pis) if (pi !== cycled) expect(pi.boots).toBe(1);
    for (const pi of pis) expect(pi.state).toBe('up.cool');
  });

  it('refuses to power a port beyond the switch PoE budget, and beyond the port budget', () => {
    const estate = buildPiCluster({
      piCount: 4,
      network: { poeBudgetWatts: 7 },
      pi: { netboot: { stallProbability: 0 } },
      track,
    });
    const { network, pis } = estate;
    // 3 × 2 W fit in 7 W; the fourth Pi would need 8 W.
    expect(pis.map((pi) => network.isPortPowered(network.portOf(pi.id) ?? 0))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const refused = network.setPoe(4, true);
    expect(refused).toEqual({ outcome: 'refusedSwitchBudget', askedWatts: 2, availableWatts: 1 });
    expect(pis[3]?.isPowered()).toBe(false);
    network.setPoe(1, false);
    expect(network.setPoe(4, true).outcome).toBe('powered');

    const context = track(createModelContext(new Kernel({ seed: 2 })));
    const small = new NetworkSwitch(context, 'tiny', { portPoeMaxWatts: 1.5 });
    small.connect(1, createRaspberryPi(context, 'hungry', 'pi3', { rootFilesystem: 'sd' }));
    expect(small.setPoe(1, true)).toEqual({ outcome: 'refusedPortBudget', askedWatts: 2, portMaxWatts: 1.5 });
  });

  it('a netboot stall without a power cycle leaves the Pi down; a power cycle brings it up', () => {
    const estate = buildPiCluster({ piCount: 2, pi: { netboot: { stallProbability: 0 } }, track });
    const { kernel, network, pis } = estate;
    kernel.run({ untilMs: 60_000 });
    const pi = pis[0];
    if (pi === undefined) throw new Error('no pi1');
    pi.stallNextBoot('tftp');
    network.powerCyclePort(1);
    kernel.run({ untilMs: 24 * 3_600_000 });
    expect(pi.state).toBe('booting.stalled');
    expect(pi.isAccepting()).toBe(false);
    network.powerCyclePort(1);
    kernel.run({ untilMs: 24 * 3_600_000 + network.params.powerCycleOffMs + NETBOOT_MS });
    expect(pi.state).toBe('up.cool');
  });

  it('losing the switch power drops every Pi; restoring it boots them again', () => {
    const { kernel, network, pis } = buildPiCluster({
      piCount: 3,
      pi: { netboot: { stallProbability: 0 } },
      track,
    });
    kernel.run({ untilMs: 60_000 });
    network.powerFail();
    expect(network.state).toBe('down');
    expect(pis.every((pi) => pi.state === 'off')).toBe(true);
    expect(network.sharedVlans('pi1', 'fileserver')).toEqual([]);
    expect(network.powerCyclePort(1).outcome).toBe('switchDown');
    network.powerRestore();
    kernel.run({ untilMs: 120_000 });
    expect(pis.every((pi) => pi.state === 'up.cool')).toBe(true);
  });

  it('names the switch, the action and what was expected in bad arguments', () => {
    const context = track(createModelContext(new Kernel({ seed: 3 })));
    const network = new NetworkSwitch(context, 'sw');
    expect(() => network.setPoe(25, true)).toThrow(
      /switch sw: setPoe: port must be a whole number in 1..24, got 25/,
    );
    expect(() => network.configurePort(1, { untaggedVlan: 5000 })).toThrow(
      /VLAN ids must be in 1..4094, got 5000/,
    );
    expect(() => network.powerCyclePort(2)).toThrow(/expected a PoE device on the port, found nothing/);
    expect(() => new NetworkSwitch(context, 'bad', { portCount: 0 })).toThrow(/portCount/);
  });
});

describe('switch: storage VLAN isolation (004_b8bc5fb3cdb64335.txt)', () => {
  it('no Pi reaches another Pi storage VLAN; each reaches its own and the public VLAN 131', () => {
    const { network, pis } = buildPiCluster({ track });
    expect(network.isolationViolations()).toEqual([]);
    expect(network.state).toBe('up.isolated');
    for (const pi of pis) {
      const own = network.untaggedVlanOf(pi.id);
      expect(network.sharedVlans(pi.id, 'fileserver')).toEqual([own]);
      for (const other of pis) {
        if (other === pi) continue;
        expect(network.sharedVlans(pi.id, other.id)).toEqual([131]);
      }
    }
  });

  it('a port misconfigured onto a neighbour storage VLAN is reported as a violation, and clears when fixed', () => {
    const { network } = buildPiCluster({ track });
    // Port 3 gets port 2's storage VLAN (11) tagged as well as its own.
    const violations = network.configurePort(3, { untaggedVlan: 12, taggedVlans: [131, 11] });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      kind: 'reachesForeignStorageVlan',
      port: 3,
      vlan: 11,
      otherPort: 2,
    });
    expect(network.state).toBe('up.violated');
    expect(network.sharedVlans('pi3', 'pi2')).toEqual([131, 11]);
    expect(network.configurePort(3, { untaggedVlan: 12, taggedVlans: [131] })).toEqual([]);
    expect(network.state).toBe('up.isolated');
  });
});

it('every state and transition of the switch machine is reached by the tests above', () => {
  expect(coverage.missing(networkSwitchMachine, 'networkSwitch')).toEqual({ states: [], transitions: [] });
});
