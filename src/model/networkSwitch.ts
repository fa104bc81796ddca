import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import { startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import { IsolationIndex, vlansOfPort } from './vlanIsolation.ts';
import type { IsolationViolation, PortDeviceKind, PortView } from './vlanIsolation.ts';

/** Something plugged into a switch port: a Pi (powered over Ethernet), the file server, an uplink. */
export interface SwitchDevice {
  readonly id: string;
  readonly kind: Exclude<PortDeviceKind, 'empty'>;
  /** Watts the device draws over PoE; 0 for a device with its own power. */
  readonly poeDrawWatts: number;
  /** The switch turns the port's PoE on or off; only PoE devices need it. */
  setPortPower?(on: boolean): void;
}

export interface NetworkSwitchParams {
  /** Ports on the switch; the file server sits on port 24 in 004_b8bc5fb3cdb64335.txt. */
  portCount: number;
  /** The public VLAN, tagged on each Pi's port (004_b8bc5fb3cdb64335.txt: "VLAN 131"). */
  publicVlan: number;
  /**
   * PoE the whole switch can supply. Assumption: the seeds name no switch; 185 W is a common
   * budget for a 24-port 802.3af/at access switch, plenty for 23 Pis at 2 W.
   */
  poeBudgetWatts: number;
  /** Most PoE one port supplies: 15.4 W, the 802.3af maximum (a standard, not a seed figure). */
  portPoeMaxWatts: number;
  /**
   * How long a power-cycled port stays unpowered before PoE comes back. Assumption: a few
   * seconds of reconfiguring the port plus letting the PoE HAT's capacitors drain.
   */
  powerCycleOffMs: number;
}

/** The most ports a switch may have: a stack of managed switches, assumed. */
export const SWITCH_PORTS_MAX = 512;

export const NETWORK_SWITCH_DEFAULTS: Readonly<NetworkSwitchParams> = {
  portCount: 24,
  publicVlan: 131,
  poeBudgetWatts: 185,
  portPoeMaxWatts: 15.4,
  powerCycleOffMs: 5_000,
};

export interface PortConfig {
  /** The VLAN the port carries without a header (a Pi's storage VLAN). */
  untaggedVlan?: number;
  /** VLANs the port carries with a header (the public VLAN on a Pi; every storage VLAN on the file server). */
  taggedVlans?: readonly number[];
}

/** What became of a request to power a port. */
export type PoeResult =
  | { outcome: 'powered'; allocatedWatts: number }
  | { outcome: 'unpowered' }
  | { outcome: 'refusedPortBudget'; askedWatts: number; portMaxWatts: number }
  | { outcome: 'refusedSwitchBudget'; askedWatts: number; availableWatts: number }
  | { outcome: 'switchDown' };

interface PortState {
  device: SwitchDevice | undefined;
  untaggedVlan: number | undefined;
  taggedVlans: number[];
  /** The operator wants PoE on (it stays wanted while the switch is down or the port cycles). */
  poeWanted: boolean;
  /** PoE is being supplied now. */
  poeOn: boolean;
  cycleTimerId: number | undefined;
}

type SwitchEvent =
  | { type: 'POWER_FAIL' }
  | { type: 'POWER_RESTORE' }
  | { type: 'ISOLATION_BROKEN' }
  | { type: 'ISOLATION_RESTORED' };

/**
 * The switch's life: up (with its ports' isolation intact or violated) or down (lost power: every
 * port and its PoE with it).
 */
export const networkSwitchMachine = setup({ types: { events: {} as SwitchEvent } }).createMachine({
  id: 'networkSwitch',
  initial: 'up',
  states: {
    up: {
      initial: 'isolated',
      on: { POWER_FAIL: 'down' },
      states: {
        isolated: { on: { ISOLATION_BROKEN: 'violated' } },
        violated: { on: { ISOLATION_RESTORED: 'isolated' } },
      },
    },
    down: { on: { POWER_RESTORE: 'up' } },
  },
});

/**
 * A managed PoE switch: ports with VLANs, PoE per port within per-port and per-switch budgets,
 * and power-cycling a Pi by turning its port's PoE off and on (004_b8bc5fb3cdb64335.txt: "you can
 * power cycle a Raspberry Pi just by re-configuring the switch"). Storage isolation is checked
 * after every reconfiguration and can be checked at any instant with `isolationViolations()`.
 */
export class NetworkSwitch {
  readonly params: NetworkSwitchParams;
  private readonly actor: Actor<typeof networkSwitchMachine>;
  private readonly ports: PortState[] = [];
  private readonly devicePorts = new Map<string, number>();
  /** Storage isolation kept up to date port by port, so a change re-checks only what it touches. */
  private readonly isolation: IsolationIndex;

  constructor(
    private readonly context: ModelContext,
    readonly id: string,
    params: Partial<NetworkSwitchParams> = {},
  ) {
    this.params = { ...NETWORK_SWITCH_DEFAULTS, ...params };
    const p = this.params;
    assertArgument(
      Number.isInteger(p.portCount) && p.portCount > 0 && p.portCount <= SWITCH_PORTS_MAX,
      `switch ${id}: portCount must be a whole number in 1..${SWITCH_PORTS_MAX}, got ${p.portCount}`,
    );
    assertArgument(
      isVlanId(p.publicVlan),
      `switch ${id}: publicVlan must be in 1..4094, got ${p.publicVlan}`,
    );
    assertArgument(
      p.poeBudgetWatts >= 0,
      `switch ${id}: poeBudgetWatts must be non-negative, got ${p.poeBudgetWatts}`,
    );
    assertArgument(
      p.portPoeMaxWatts >= 0,
      `switch ${id}: portPoeMaxWatts must be non-negative, got ${p.portPoeMaxWatts}`,
    );
    assertArgument(
      p.powerCycleOffMs >= 0,
      `switch ${id}: powerCycleOffMs must be non-negative, got ${p.powerCycleOffMs}`,
    );
    for (let index = 0; index < p.portCount; index++) {
      this.ports.push({
        device: undefined,
        untaggedVlan: undefined,
        taggedVlans: [],
        poeWanted: false,
        poeOn: false,
        cycleTimerId: undefined,
      });
    }
    this.isolation = new IsolationIndex(p.publicVlan);
    this.actor = startPart(context, id, 'networkSwitch', networkSwitchMachine, undefined);
  }

  get state(): string {
    return stateValueToString(this.actor.getSnapshot().value);
  }

  isUp(): boolean {
    return this.actor.getSnapshot().matches('up');
  }

  /** Plugs a device into a port (ports are numbered from 1, as on the switch's front panel). */
  connect(port: number, device: SwitchDevice): void {
    const state = this.port(port, 'connect');
    assertArgument(
      state.device === undefined,
      `switch ${this.id}: port ${port} already has ${state.device?.id ?? ''}, cannot connect ${device.id}`,
    );
    assertArgument(
      !this.devicePorts.has(device.id),
      `switch ${this.id}: ${device.id} is already on port ${this.devicePorts.get(device.id) ?? 0}`,
    );
    state.device = device;
    this.devicePorts.set(device.id, port);
    this.isolation.update(this.viewOf(port));
    this.recheckIsolation('connect');
  }

  portOf(deviceId: string): number | undefined {
    return this.devicePorts.get(deviceId);
  }

  /** Sets a port's VLANs; returns the isolation violations of the whole switch afterwards. */
  configurePort(port: number, config: PortConfig): IsolationViolation[] {
    const state = this.port(port, 'configurePort');
    const tagged = [...(config.taggedVlans ?? [])];
    for (const vlan of [...tagged, ...(config.untaggedVlan === undefined ? [] : [config.untaggedVlan])]) {
      assertArgument(
        isVlanId(vlan),
        `switch ${this.id}: port ${port}: VLAN ids must be in 1..4094, got ${vlan}`,
      );
    }
    assertArgument(
      config.untaggedVlan === undefined || !tagged.includes(config.untaggedVlan),
      `switch ${this.id}: port ${port}: VLAN ${config.untaggedVlan} cannot be both untagged and tagged`,
    );
    state.untaggedVlan = config.untaggedVlan;
    state.taggedVlans = tagged;
    this.isolation.update(this.viewOf(port));
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: 'configurePort',
      details: { port, untaggedVlan: config.untaggedVlan ?? null, taggedVlans: tagged },
    });
    return this.recheckIsolation('configurePort');
  }

  /** The ports as the isolation check sees them. */
  portViews(): PortView[] {
    return this.ports.map((_, index) => this.viewOf(index + 1));
  }

  /** One port as the isolation check sees it (ports numbered from 1). */
  private viewOf(port: number): PortView {
    const state = this.ports[port - 1] as PortState;
    return {
      port,
      deviceKind: state.device?.kind ?? 'empty',
      deviceId: state.device?.id,
      untaggedVlan: state.untaggedVlan,
      taggedVlans: state.taggedVlans,
    };
  }

  /** Breaches of storage isolation right now; empty when every Pi reaches only its own storage and public VLANs. */
  isolationViolations(): IsolationViolation[] {
    return this.isolation.violations();
  }

  /** VLANs on which two connected devices can talk now; empty when the switch is down. */
  sharedVlans(deviceA: string, deviceB: string): number[] {
    if (!this.isUp()) return [];
    const portA = this.devicePorts.get(deviceA);
    const portB = this.devicePorts.get(deviceB);
    if (portA === undefined || portB === undefined) return [];
    const vlansB = new Set(vlansOfPort(this.viewOf(portB)));
    return vlansOfPort(this.viewOf(portA)).filter((vlan) => vlansB.has(vlan));
  }

  /** The untagged (storage) VLAN of a device's port. */
  untaggedVlanOf(deviceId: string): number | undefined {
    const port = this.devicePorts.get(deviceId);
    return port === undefined ? undefined : this.ports[port - 1]?.untaggedVlan;
  }

  /** PoE supplied now, in watts. */
  poeAllocatedWatts(): number {
    let watts = 0;
    for (const state of this.ports)
      if (state.poeOn && state.device !== undefined) watts += state.device.poeDrawWatts;
    return watts;
  }

  isPortPowered(port: number): boolean {
    return this.port(port, 'isPortPowered').poeOn;
  }

  /**
   * Turns a port's PoE on or off. Powering on is refused, explicitly, when the device asks more
   * than the port supplies or more than is left of the switch's budget.
   */
  setPoe(port: number, enabled: boolean): PoeResult {
    const state = this.port(port, 'setPoe');
    if (state.cycleTimerId !== undefined) {
      this.context.kernel.cancelCallback(state.cycleTimerId);
      state.cycleTimerId = undefined;
    }
    state.poeWanted = enabled;
    const result = enabled ? this.supply(state) : this.cut(state);
    this.tracePoe(port, enabled ? 'poeOn' : 'poeOff', result);
    return result;
  }

  /**
   * Power-cycles the Pi on a port: PoE off now, back on after powerCycleOffMs (with the budget
   * checked again then). Returns what became of turning it off; the result of turning it back on
   * goes to the trace as `powerCycleOn`.
   */
  powerCyclePort(port: number): PoeResult {
    const state = this.port(port, 'powerCyclePort');
    assertArgument(
      state.device !== undefined && state.device.poeDrawWatts > 0,
      `switch ${this.id}: powerCyclePort(${port}): expected a PoE device on the port, found ${state.device?.id ?? 'nothing'}`,
    );
    if (!this.isUp()) return { outcome: 'switchDown' };
    const result = this.setPoe(port, false);
    state.poeWanted = true;
    state.cycleTimerId = this.context.kernel.scheduleCallback(this.params.powerCycleOffMs, () => {
      state.cycleTimerId = undefined;
      this.tracePoe(port, 'powerCycleOn', this.supply(state));
    });
    return result;
  }

  /** Fault: the switch loses power, and every PoE port with it. */
  powerFail(): void {
    if (!this.isUp()) return;
    this.actor.send({ type: 'POWER_FAIL' });
    for (const state of this.ports) this.cut(state);
  }

  /** Repair: power returns; ports whose PoE was wanted are powered again, in port order, within budget. */
  powerRestore(): void {
    if (this.isUp()) return;
    this.actor.send({ type: 'POWER_RESTORE' });
    this.recheckIsolation('powerRestore');
    this.ports.forEach((state, index) => {
      if (state.poeWanted) this.tracePoe(index + 1, 'poeRestore', this.supply(state));
    });
  }

  private supply(state: PortState): PoeResult {
    if (!this.isUp()) return { outcome: 'switchDown' };
    const device = state.device;
    if (device === undefined || device.poeDrawWatts <= 0) return { outcome: 'unpowered' };
    if (state.poeOn) return { outcome: 'powered', allocatedWatts: this.poeAllocatedWatts() };
    if (device.poeDrawWatts > this.params.portPoeMaxWatts) {
      return {
        outcome: 'refusedPortBudget',
        askedWatts: device.poeDrawWatts,
        portMaxWatts: this.params.portPoeMaxWatts,
      };
    }
    const availableWatts = this.params.poeBudgetWatts - this.poeAllocatedWatts();
    // A small tolerance so budgets that add up exactly (e.g. 4 × 2 W in 8 W) are not refused by rounding.
    if (device.poeDrawWatts > availableWatts + 1e-9) {
      return { outcome: 'refusedSwitchBudget', askedWatts: device.poeDrawWatts, availableWatts };
    }
    state.poeOn = true;
    device.setPortPower?.(true);
    return { outcome: 'powered', allocatedWatts: this.poeAllocatedWatts() };
  }

  private cut(state: PortState): PoeResult {
    if (state.poeOn) {
      state.poeOn = false;
      state.device?.setPortPower?.(false);
    }
    return { outcome: 'unpowered' };
  }

  private tracePoe(port: number, event: string, result: PoeResult): void {
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event,
      details: { port, device: this.ports[port - 1]?.device?.id ?? null, ...result },
    });
  }

  private recheckIsolation(cause: string): IsolationViolation[] {
    const violations = this.isolationViolations();
    if (!this.isUp()) return violations;
    const violated = this.actor.getSnapshot().matches({ up: 'violated' });
    if (violations.length > 0) {
      this.context.kernel.trace.record({
        timeMs: this.context.kernel.nowMs,
        part: this.id,
        event: 'isolationViolation',
        details: { cause, violations: violations.map((violation) => violation.message) },
      });
      if (!violated) this.actor.send({ type: 'ISOLATION_BROKEN' });
    } else if (violated) {
      this.actor.send({ type: 'ISOLATION_RESTORED' });
    }
    return violations;
  }

  private port(port: number, action: string): PortState {
    const state = Number.isInteger(port) ? this.ports[port - 1] : undefined;
    assertArgument(
      state !== undefined,
      `switch ${this.id}: ${action}: port must be a whole number in 1..${this.params.portCount}, got ${port}`,
    );
    return state;
  }
}

function isVlanId(vlan: number): boolean {
  return Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094;
}
