import { VM_IVY_BRIDGE_24, phpSlowdown } from './cpuClasses.ts';
import type { CpuClass } from './cpuClasses.ts';
import type { Nic } from './link.ts';
import type { Vm } from './vm.ts';
import type { WebServerHost } from './webServerHost.ts';

/**
 * A VM as the request engine sees it: one PHP worker per core, the page time of its CPU class, its
 * host's shared NIC (the main host's 4 Gbps), accepting while running, finishing in-flight work
 * while it drains or pauses for a migration.
 */
export class VmWebServerHost implements WebServerHost {
  private readonly slowdown: number;

  constructor(
    readonly vm: Vm,
    readonly cpuClass: CpuClass = VM_IVY_BRIDGE_24,
    phpVersion: '5.6' | '7' = cpuClass.phpVersion,
    /** PHP workers; by default one per core of the VM, as the seeds assume. */
    private readonly workers?: number,
  ) {
    this.slowdown = phpSlowdown(cpuClass, phpVersion);
  }

  get id(): string {
    return this.vm.id;
  }

  get workerSlots(): number {
    return this.workers ?? this.vm.cores;
  }

  get uncachedPageCpuMs(): number {
    return this.cpuClass.uncachedPageCpuMs;
  }

  get nic(): Nic {
    return this.vm.host.nic;
  }

  cpuSlowdown(): number {
    return this.slowdown;
  }

  isAccepting(): boolean {
    return this.vm.isAccepting();
  }

  isServing(): boolean {
    return this.vm.isServing();
  }

  onChange(listener: () => void): void {
    this.vm.onChange(listener);
  }
}
