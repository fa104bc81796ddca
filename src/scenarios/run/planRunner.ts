import type { Kernel } from '../../sim/kernel.ts';
import type { Plan, PlanStep } from '../schema/index.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { mysqlServerId } from './estateRuntime.ts';

/** What happened to one step of the runbook. */
export interface StepRecord {
  step: PlanStep;
  startedAtMs: number | undefined;
  endedAtMs: number | undefined;
  /** `done`, `not run`, `unfinished when the run ended`, or `error: …` with the model's reason. */
  outcome: string;
}

/** How often a step that waits on the estate (a boot, a catch-up, a drain) looks again. */
const POLL_MS = 1_000;
/**
 * A drain lasts at least this long: requests the CDN routed just before the weight went to 0 are
 * still on their way to the server when the step starts. Longer than any round trip in the estate.
 */
const DRAIN_SETTLE_MS = 5_000;

/**
 * A step is started by `begin`, which acts on the estate and returns the condition that ends it.
 * Steps whose end the model decides (a boot, a seeding, a copy) poll that condition once a second.
 */
type StepEnd = () => boolean;

/**
 * Runs the runbook on the kernel: each step starts at its `at` or when the previous one ends, acts
 * on the estate, and ends when the model says it is done (or after its `duration`, if given, and
 * never before). A step the estate refuses (starting a VM that is running) or that has not ended
 * when the run ends stops the plan there: later steps are `not run`, and the report says why.
 */
export class PlanRunner {
  readonly records: StepRecord[];
  private stopped = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly estate: EstateRuntime,
    plan: Plan,
    private readonly runEndMs: number,
  ) {
    this.records = plan.map((step) => ({
      step,
      startedAtMs: undefined,
      endedAtMs: undefined,
      outcome: 'not run',
    }));
  }

  start(): void {
    this.scheduleStep(0, 0);
  }

  get planStartMs(): number | undefined {
    return this.records[0]?.startedAtMs;
  }

  /** When the last step ended, if every step ended. */
  get planEndMs(): number | undefined {
    const last = this.records[this.records.length - 1];
    return this.records.every((record) => record.outcome === 'done') ? last?.endedAtMs : undefined;
  }

  private scheduleStep(index: number, previousEndMs: number): void {
    const record = this.records[index];
    if (record === undefined || this.stopped) return;
    const startMs = Math.max(record.step.at ?? previousEndMs, previousEndMs, this.kernel.nowMs);
    this.kernel.scheduleCallbackAt(startMs, () => this.runStep(index));
  }

  private runStep(index: number): void {
    const record = this.records[index] as StepRecord;
    const startedAtMs = this.kernel.nowMs;
    record.startedAtMs = startedAtMs;
    record.outcome = 'unfinished when the run ended';
    this.kernel.trace.record({
      timeMs: startedAtMs,
      part: 'plan',
      event: 'stepStarted',
      details: { step: index, name: record.step.name, action: record.step.action },
    });
    let ends: StepEnd;
    try {
      ends = this.begin(record.step);
    } catch (error) {
      return this.finish(index, `error: ${error instanceof Error ? error.message : String(error)}`);
    }
    const minimumMs = record.step.action === 'drain' ? DRAIN_SETTLE_MS : 0;
    const earliestEndMs = startedAtMs + Math.max(minimumMs, record.step.duration ?? 0);
    // Polls until the step ends; bounded by the run, which stops the kernel at its duration.
    const check = (): void => {
      const nowMs = this.kernel.nowMs;
      let ended: boolean;
      try {
        ended = nowMs >= earliestEndMs && ends();
      } catch (error) {
        // A later phase of the step (starting a moved VM, configuring MySQL) was refused.
        return this.finish(index, `error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (ended) return this.finish(index, 'done');
      const waitMs = nowMs < earliestEndMs ? Math.min(POLL_MS, earliestEndMs - nowMs) : POLL_MS;
      if (nowMs + waitMs <= this.runEndMs) this.kernel.scheduleCallback(waitMs, check);
    };
    check();
  }

  private finish(index: number, outcome: string): void {
    const record = this.records[index] as StepRecord;
    record.endedAtMs = this.kernel.nowMs;
    record.outcome = outcome;
    this.kernel.trace.record({
      timeMs: this.kernel.nowMs,
      part: 'plan',
      event: 'stepEnded',
      details: { step: index, name: record.step.name, outcome },
    });
    if (outcome !== 'done') {
      this.stopped = true;
      return;
    }
    this.scheduleStep(index + 1, this.kernel.nowMs);
  }

  /**
   * A web server is back in service when every CDN node that knows it at its current address has
   * health-checked it up again: an operator waits for that before taking the next server away.
   * A node told an old address never will, so it does not hold the step up (the report shows it).
   */
  private backInService(machineId: string): boolean {
    const server = this.estate.webServers.get(machineId);
    if (server === undefined) return true;
    for (const node of this.estate.cdnNodes.values()) {
      const backend = node.backendsView().find((candidate) => candidate.server === server);
      if (backend !== undefined && backend.address === server.address() && !backend.healthy) return false;
    }
    return true;
  }

  /** Acts on the estate for one step and returns the condition that ends it. */
  private begin(step: PlanStep): StepEnd {
    const { estate } = this;
    const vm = (id: string) => {
      const found = estate.vms.get(id);
      if (found === undefined) throw new Error(`no VM "${id}"`);
      return found;
    };
    const host = (id: string) => {
      const found = estate.hosts.get(id);
      if (found === undefined) throw new Error(`no VM host "${id}"`);
      return found;
    };
    const { mysql } = estate;
    switch (step.action) {
      case 'add-replica': {
        const target = vm(step.vm);
        const serverId = mysqlServerId(step.vm);
        if (step.of !== undefined && mysql.primary !== mysqlServerId(step.of)) {
          throw new Error(`${step.of} is not the MySQL primary (${mysql.primary} is)`);
        }
        const configure = (): void => {
          if (!mysql.serverIds().includes(serverId)) {
            mysql.addReplica({ id: serverId, location: () => target.location() });
          } else {
            const state = mysql.serverState(serverId);
            if (state === 'demoted') mysql.reconfigureAsReplica(serverId);
            else if (state === 'stopped') mysql.restart(serverId, 'replica');
            else throw new Error(`MySQL on ${step.vm} is ${state}, not a server that can become a replica`);
          }
        };
        // A VM that is off is started first; MySQL is configured once it runs.
        let configured = false;
        if (target.state === 'stopped') target.start();
        return () => {
          if (!target.isAccepting()) return false;
          if (!configured) {
            configure();
            configured = true;
          }
          return mysql.serverState(serverId) === 'replicating';
        };
      }
      case 'wait-for-catch-up': {
        const serverId = mysqlServerId(step.replica);
        const maxLagMs = step.maxLag ?? 0;
        return () =>
          mysql.serverState(serverId) === 'replicating' && mysql.replicationLagMs(serverId) <= maxLagMs;
      }
      case 'failover': {
        const serverId = mysqlServerId(step.to);
        if (step.mode === 'planned') {
          mysql.plannedFailover(serverId);
        } else {
          const state = mysql.serverState(serverId);
          if (state !== 'replicating') throw new Error(`MySQL: cannot promote ${serverId}, it is ${state}`);
          mysql.crash(mysql.primary);
          mysql.promote(serverId);
        }
        return () => mysql.primary === serverId && mysql.isWritable();
      }
      case 'drain': {
        const server = estate.webServers.get(step.backend);
        if (server === undefined) throw new Error(`no web server on "${step.backend}"`);
        for (const node of estate.cdnNodes.values()) node.setBackendWeight(server.id, 0);
        return () => {
          const load = estate.engine.serverLoad(server.id);
          return load.busy === 0 && load.queued === 0;
        };
      }
      case 'shutdown': {
        const target = vm(step.vm);
        target.shutdown(step.mode);
        return () => target.state === 'stopped';
      }
      case 'move-vm': {
        const target = vm(step.vm);
        const destination = host(step.to);
        const wasRunning = target.state !== 'stopped';
        const moveOptions = {
          ...(step.duration === undefined ? {} : { durationMs: step.duration }),
          ...(step.address === undefined ? {} : { address: step.address }),
        };
        if (!wasRunning) {
          target.move(destination, moveOptions);
          return () => target.host === destination && target.state === 'stopped';
        }
        // A running VM is stopped gracefully, copied and started again.
        target.shutdown('graceful');
        let phase: 'stopping' | 'moving' | 'starting' = 'stopping';
        return () => {
          if (phase === 'stopping' && target.state === 'stopped') {
            target.move(destination, moveOptions);
            phase = 'moving';
          }
          if (phase === 'moving' && target.host === destination && target.state === 'stopped') {
            target.start();
            phase = 'starting';
          }
          return phase === 'starting' && target.state === 'running' && this.backInService(step.vm);
        };
      }
      case 'start': {
        const target = vm(step.vm);
        target.start();
        return () => target.state === 'running' && this.backInService(step.vm);
      }
      case 'update-cdn': {
        const server = estate.webServers.get(step.backend);
        if (server === undefined) throw new Error(`no web server on "${step.backend}"`);
        for (const node of estate.cdnNodes.values()) {
          const known = node.backendsView().some((backend) => backend.server.id === server.id);
          if (!known) {
            node.addBackend({
              server,
              weight: step.weight ?? 1,
              ...(step.address === undefined ? {} : { address: step.address }),
            });
            continue;
          }
          // A weight alone changes only the weight: telling the CDN an address is a separate act,
          // and forgetting it is a mistake the twin must be able to show.
          if (step.address !== undefined || step.weight === undefined)
            node.setBackendAddress(server.id, step.address ?? server.address());
          if (step.weight !== undefined) node.setBackendWeight(server.id, step.weight);
        }
        return () => true;
      }
      case 'power-cycle': {
        estate.pis.powerCycle(step.pi);
        return () => estate.pis.isServing(step.pi) && this.backInService(step.pi);
      }
      case 'scale-vm': {
        const target = vm(step.vm);
        const coresFactor = step.cores === undefined ? undefined : step.cores / target.cores;
        const ramFactor = step.ram === undefined ? undefined : step.ram / target.ramBytes;
        target.scale({
          ...(coresFactor === undefined ? {} : { coresFactor }),
          ...(ramFactor === undefined ? {} : { ramFactor }),
        });
        return () => target.state === 'running';
      }
      case 'wait':
        return () => true;
    }
  }
}
