import { describe, expect, it } from 'vitest';
import { OLD_HEX_HOST_REBOOTS_PER_YEAR, VmHost } from '../../src/model/vmHost.ts';
import { Vm } from '../../src/model/vm.ts';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import { Network } from '../../src/model/network.ts';
import { addWebVm, buildEstate } from './support/estate.ts';

describe('VM hosts and VMs', () => {
  it("placing VMs beyond a host's cores or RAM throws, naming the host, the ask and what is free", () => {
    const estate = buildEstate();
    const small = new VmHost(estate.context, {
      id: 'small',
      siteId: 'HEX',
      cores: 8,
      ramBytes: 32 * 2 ** 30,
    });
    new Vm(estate.context, estate.network, small, { id: 'a', cores: 6, ramBytes: 8 * 2 ** 30 });
    expect(
      () => new Vm(estate.context, estate.network, small, { id: 'b', cores: 4, ramBytes: 8 * 2 ** 30 }),
    ).toThrow(
      /VM host small: cannot place b asking 4 cores and 8\.0 GiB RAM; free: 2 cores and 24\.0 GiB RAM/,
    );
    expect(
      () => new Vm(estate.context, estate.network, small, { id: 'c', cores: 1, ramBytes: 64 * 2 ** 30 }),
    ).toThrow(/free: 2 cores/);
  });

  it('vertical scaling gives 4× RAM and 2× cores in 30 s (001_c0c3c660f1f73f92.txt: "in thirty seconds")', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'shop', cores: 4 });
    const ramBefore = vm.ramBytes;
    estate.kernel.scheduleCallback(1_000, () => vm.scale());
    estate.kernel.run({ untilMs: 30_999 });
    expect(vm.state).toBe('scaling');
    estate.kernel.run({ untilMs: 31_000 });
    expect(vm.state).toBe('running');
    expect(vm.cores).toBe(8);
    expect(vm.ramBytes).toBe(4 * ramBefore);
  });

  it('a cold move within a site keeps the address; to another site gives a new one', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web2', role: 'secondary' });
    const hexNew = new VmHost(estate.context, { id: 'hex-new', siteId: 'HEX' });
    estate.kernel.run({ untilMs: 1 });
    const address = vm.address;
    vm.shutdown('graceful');
    estate.kernel.run({ untilMs: 20_000 });
    vm.move(hexNew);
    estate.kernel.run({ untilMs: 400_000 });
    expect(vm.host).toBe(hexNew);
    expect(vm.address).toBe(address);
    vm.move(estate.sov);
    estate.kernel.run({ untilMs: 800_000 });
    expect(vm.host).toBe(estate.sov);
    expect(vm.address).not.toBe(address);
    expect(() => vm.shutdown('graceful')).toThrow(/cannot shutdown graceful while stopped/);
    vm.start();
    estate.kernel.run({ untilMs: 900_000 });
    expect(vm.state).toBe('running');
  });

  it('the old HEX host reboots by itself about 1.5 times a year (000_077f2af078f4f79b.txt: "once or twice a year"); its VMs come back', () => {
    let reboots = 0;
    const years = 20;
    // No CDN here: its health checks every 2 s would dominate 20 simulated years.
    const kernel = new Kernel({ seed: 3 });
    const context = createModelContext(kernel);
    const network = new Network();
    network.addSite({ id: 'HEX', addressPrefix: 'hex::' });
    const estate = { kernel, context, network };
    const old = new VmHost(estate.context, {
      id: 'old-hex',
      siteId: 'HEX',
      spontaneousRebootsPerYear: OLD_HEX_HOST_REBOOTS_PER_YEAR,
    });
    const vm = new Vm(estate.context, estate.network, old, {
      id: 'guest',
      cores: 2,
      ramBytes: 2 ** 30,
      bootMs: 1000,
    });
    vm.start();
    old.onChange(() => {
      if (old.state === 'rebooting') reboots++;
    });
    const result = estate.kernel.run({ untilMs: years * 365.25 * 24 * 3600_000, eventsMax: 1e6 });
    expect(result.stoppedBy).toBe('until');
    console.log(`old HEX host: ${reboots} spontaneous reboots in ${years} years`);
    expect(reboots / years).toBeGreaterThan(0.8);
    expect(reboots / years).toBeLessThan(2.5);
    expect(vm.state).toBe('running');
  });

  it('a host switched off stops its VMs until powered on; VMs boot again', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1', bootMs: 1000 });
    estate.kernel.run({ untilMs: 5_000 });
    estate.hex.powerOff();
    expect(vm.state).toBe('stopped');
    expect(() => vm.start()).toThrow(/host hex-host is off/);
    estate.hex.powerOn();
    estate.kernel.run({ untilMs: 5_000 + estate.hex.params.rebootMs + 2_000 });
    expect(vm.state).toBe('running');
  });

  it('starts a run running when the estate is found that way, and keeps the address it was given', () => {
    const estate = buildEstate();
    const host = new VmHost(estate.context, { id: 'hostA', siteId: 'HEX' });
    const vm = new Vm(estate.context, estate.network, host, {
      id: 'found',
      cores: 2,
      ramBytes: 2 ** 30,
      initiallyRunning: true,
      address: '2a00:1098:0:82:1000::11',
    });
    expect(vm.state).toBe('running');
    expect(vm.address).toBe('2a00:1098:0:82:1000::11');
    expect(estate.context.parts.get('found')?.states).toEqual([
      { atMs: 0, state: 'running', tags: ['accepting', 'serving'] },
    ]);
  });

  it('takes the address an operator gives it when it moves site', () => {
    const estate = buildEstate();
    const hex = new VmHost(estate.context, { id: 'hexA', siteId: 'HEX' });
    const sov = new VmHost(estate.context, { id: 'sovA', siteId: 'SOV' });
    const vm = new Vm(estate.context, estate.network, hex, { id: 'mover', cores: 2, ramBytes: 2 ** 30 });
    vm.move(sov, { durationMs: 1000, address: '2a00:1098:0:80:1000::11' });
    estate.kernel.run({ untilMs: 2000 });
    expect(vm.host).toBe(sov);
    expect(vm.address).toBe('2a00:1098:0:80:1000::11');
  });

  it('a copy fails when the host at either end goes down: the VM stays where it was and the reservation is released', () => {
    for (const end of ['source', 'destination'] as const) {
      const estate = buildEstate();
      const { vm } = addWebVm(estate, { id: 'web2', role: 'secondary' });
      const hexNew = new VmHost(estate.context, { id: 'hex-new', siteId: 'HEX' });
      estate.kernel.run({ untilMs: 1 });
      const address = vm.address;
      vm.shutdown('graceful');
      estate.kernel.run({ untilMs: 20_000 });
      vm.move(hexNew);
      expect(hexNew.hosts('web2')).toBe(true);
      (end === 'source' ? estate.hex : hexNew).powerOff();
      expect(vm.state).toBe('stopped');
      expect(vm.lastRelocationFailure).toBe(
        `${end} host ${end === 'source' ? estate.hex.id : 'hex-new'} went down (off) during the copy`,
      );
      estate.kernel.run({ untilMs: 400_000 });
      expect(vm.host).toBe(estate.hex);
      expect(vm.address).toBe(address);
      expect(hexNew.hosts('web2')).toBe(false);
      expect(vm.whyNot('start')).toBe(
        end === 'source' ? 'VM web2: cannot start, host hex-host is off' : undefined,
      );
    }
  });

  it('a live migration whose destination goes down leaves the VM running on the source', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web2', role: 'secondary' });
    const hexNew = new VmHost(estate.context, { id: 'hex-new', siteId: 'HEX' });
    estate.kernel.run({ untilMs: 1 });
    const migration = vm.migrateLive(hexNew);
    expect(migration.converged).toBe(true);
    estate.kernel.run({ untilMs: 2_000 });
    hexNew.powerOff();
    expect(vm.state).toBe('running');
    estate.kernel.run({ untilMs: 400_000 });
    expect(vm.host).toBe(estate.hex);
    expect(hexNew.hosts('web2')).toBe(false);
  });

  it('counts a crash for each abrupt stop and host failure, none for a graceful shutdown or a cold move', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web2', role: 'secondary' });
    const hexNew = new VmHost(estate.context, { id: 'hex-new', siteId: 'HEX' });
    const crashes = (id: string): number | undefined => estate.context.parts.get(id)?.crashes;
    estate.kernel.run({ untilMs: 1 });
    vm.shutdown('graceful');
    estate.kernel.run({ untilMs: 20_000 });
    vm.move(hexNew);
    estate.kernel.run({ untilMs: 400_000 });
    expect(crashes('web2')).toBe(0);
    vm.start();
    estate.kernel.run({ untilMs: 401_000 });
    // Stopped while booting: abrupt.
    vm.shutdown('hard');
    expect(crashes('web2')).toBe(1);
    vm.start();
    estate.kernel.run({ untilMs: 500_000 });
    expect(vm.isAccepting()).toBe(true);
    // Its host reboots under it: the host crashes once, and so does the VM.
    hexNew.reboot();
    estate.kernel.run({ untilMs: 501_000 });
    expect(crashes('web2')).toBe(2);
    expect(crashes('hex-new')).toBe(1);
    // Switched off mid-reboot it was already down: no second crash. Up again, switched off: one
    // more; powering it back on is its recovery, not a crash.
    hexNew.powerOff();
    expect(crashes('hex-new')).toBe(1);
    hexNew.powerOn();
    estate.kernel.run({ untilMs: 900_000 });
    expect(hexNew.isUp()).toBe(true);
    hexNew.powerOff();
    hexNew.powerOn();
    expect(crashes('hex-new')).toBe(2);
  });

  it('refuses an operator action the machine would ignore, naming the states that allow it', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web2', role: 'secondary' });
    estate.kernel.run({ untilMs: 1 });
    expect(() => vm.start()).toThrow(/VM web2: cannot start while running \(allowed: stopped\)/);
    expect(() => vm.move(estate.sov)).toThrow(/cannot move while running \(allowed: stopped\)/);
  });
});
