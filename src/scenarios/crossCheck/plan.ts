import type { PathSegment } from '../errors.ts';
import type { Estate, PlanStep, Scenario } from '../schema/index.ts';
import { formatSize } from '../units.ts';
import { webServerIds } from './estate.ts';
import { IssueList, durationText, keysOf } from './issues.ts';

/**
 * Walks the runbook the way the estate would change under it, so a step is checked against the
 * estate as the earlier steps left it: you cannot fail over to a VM that is not yet a replica,
 * start a VM that is running, or move a VM onto a host it no longer fits.
 */
interface EstateAsPlanned {
  hostOf: Map<string, string>;
  coresOf: Map<string, number>;
  ramOf: Map<string, number>;
  running: Set<string>;
  primary: string;
  replicas: Set<string>;
  backends: Set<string>;
}

function initialState(estate: Estate): EstateAsPlanned {
  const vms = Object.entries(estate.vms);
  return {
    hostOf: new Map(vms.map(([id, vm]) => [id, vm.host])),
    coresOf: new Map(vms.map(([id, vm]) => [id, vm.cores])),
    ramOf: new Map(vms.map(([id, vm]) => [id, vm.ram])),
    running: new Set(vms.filter(([, vm]) => vm.initially !== 'off').map(([id]) => id)),
    primary: estate.mysql.primary,
    replicas: new Set(estate.mysql.replicas),
    backends: new Set(keysOf(estate.cdn.backends)),
  };
}

export function crossCheckPlan(scenario: Scenario, issues: IssueList): void {
  const plan = scenario.plan ?? [];
  const { estate } = scenario;
  const state = initialState(estate);
  const vmIds = keysOf(estate.vms);
  const seenNames = new Set<string>();
  let latestAt: { ms: number; step: string } | undefined;

  plan.forEach((step, index) => {
    const path: PathSegment[] = ['plan', index];
    if (seenNames.has(step.name))
      issues.add([...path, 'name'], `"${step.name}" again`, 'a name no other step uses');
    seenNames.add(step.name);

    if (step.at !== undefined) {
      if (latestAt !== undefined && step.at < latestAt.ms) {
        issues.add(
          [...path, 'at'],
          `${durationText(step.at)}, before step "${latestAt.step}" at ${durationText(latestAt.ms)}`,
          `a time at or after ${durationText(latestAt.ms)} (steps run in the order written)`,
        );
      }
      if (step.at >= scenario.duration) {
        issues.add(
          [...path, 'at'],
          `${durationText(step.at)}, not before the end of the run`,
          `a time before ${durationText(scenario.duration)}`,
        );
      }
      latestAt = { ms: step.at, step: step.name };
    }

    const vmKnown = (key: string, id: string): boolean => issues.reference([...path, key], id, 'VM', vmIds);
    checkStep(step, path, vmKnown, state, estate, issues);
  });
}

function checkStep(
  step: PlanStep,
  path: PathSegment[],
  vmKnown: (key: string, id: string) => boolean,
  state: EstateAsPlanned,
  estate: Estate,
  issues: IssueList,
): void {
  switch (step.action) {
    case 'add-replica': {
      if (!vmKnown('vm', step.vm)) return;
      if (estate.vms[step.vm]?.role !== 'db')
        issues.add([...path, 'vm'], `"${step.vm}", a VM whose role is not db`, 'a VM with role db');
      if (step.vm === state.primary || state.replicas.has(step.vm)) {
        issues.add(
          [...path, 'vm'],
          `"${step.vm}", already ${step.vm === state.primary ? 'the primary' : 'a replica'}`,
          'a VM not yet in the MySQL topology',
        );
      }
      if (step.of !== undefined && vmKnown('of', step.of) && step.of !== state.primary) {
        issues.add(
          [...path, 'of'],
          `"${step.of}", not the primary at this step`,
          `"${state.primary}", the primary then`,
        );
      }
      state.replicas.add(step.vm);
      state.running.add(step.vm);
      return;
    }
    case 'wait-for-catch-up': {
      if (vmKnown('replica', step.replica) && !state.replicas.has(step.replica)) {
        issues.add([...path, 'replica'], `"${step.replica}", not a replica at this step`, replicaList(state));
      }
      return;
    }
    case 'failover': {
      if (!vmKnown('to', step.to)) return;
      if (!state.replicas.has(step.to)) {
        issues.add([...path, 'to'], `"${step.to}", not a replica at this step`, replicaList(state));
        return;
      }
      // The old primary leaves the topology; it rejoins only through another add-replica.
      state.replicas.delete(step.to);
      state.primary = step.to;
      return;
    }
    case 'drain': {
      if (!state.backends.has(step.backend)) {
        issues.add(
          [...path, 'backend'],
          `"${step.backend}", not a CDN backend at this step`,
          `one of ${[...state.backends].join(', ') || 'none'}`,
        );
      }
      return;
    }
    case 'shutdown': {
      if (vmKnown('vm', step.vm) && !state.running.has(step.vm)) {
        issues.add([...path, 'vm'], `"${step.vm}", already off at this step`, 'a running VM');
      }
      state.running.delete(step.vm);
      return;
    }
    case 'start': {
      if (vmKnown('vm', step.vm) && state.running.has(step.vm)) {
        issues.add([...path, 'vm'], `"${step.vm}", already running at this step`, 'a VM that is off');
      }
      state.running.add(step.vm);
      return;
    }
    case 'move-vm': {
      const vmOk = vmKnown('vm', step.vm);
      const hostOk = issues.reference([...path, 'to'], step.to, 'VM host', keysOf(estate.hosts));
      if (!vmOk || !hostOk) return;
      if (state.hostOf.get(step.vm) === step.to) {
        issues.add([...path, 'to'], `"${step.to}", the host ${step.vm} is already on`, 'another host');
        return;
      }
      state.hostOf.set(step.vm, step.to);
      checkHostFits(step.to, [...path, 'to'], state, estate, issues);
      return;
    }
    case 'scale-vm': {
      if (!vmKnown('vm', step.vm)) return;
      if (step.cores === undefined && step.ram === undefined) {
        issues.add(path, 'neither cores nor ram', 'a new size: cores, ram or both');
        return;
      }
      if (step.cores !== undefined) state.coresOf.set(step.vm, step.cores);
      if (step.ram !== undefined) state.ramOf.set(step.vm, step.ram);
      const host = state.hostOf.get(step.vm);
      if (host !== undefined) checkHostFits(host, path, state, estate, issues);
      return;
    }
    case 'update-cdn': {
      if (
        issues.reference(
          [...path, 'backend'],
          step.backend,
          'web server (a VM or Pi with web:)',
          webServerIds(estate),
        )
      ) {
        state.backends.add(step.backend);
      }
      return;
    }
    case 'power-cycle': {
      const pis = estate.pis ?? {};
      if (!issues.reference([...path, 'pi'], step.pi, 'Raspberry Pi', keysOf(pis))) return;
      const pi = pis[step.pi];
      const port = pi === undefined ? undefined : estate.switches?.[pi.switch]?.ports[String(pi.port)];
      if (port !== undefined && port.poe !== true) {
        issues.add(
          [...path, 'pi'],
          `"${step.pi}", on a port without PoE`,
          'a Pi on a PoE port (power-cycling turns the port off and on)',
        );
      }
      return;
    }
    case 'wait':
      return;
  }
}

function replicaList(state: EstateAsPlanned): string {
  return state.replicas.size === 0
    ? 'a replica, but there is none at this step (add one with add-replica)'
    : `one of the replicas then: ${[...state.replicas].join(', ')}`;
}

function checkHostFits(
  hostId: string,
  path: PathSegment[],
  state: EstateAsPlanned,
  estate: Estate,
  issues: IssueList,
): void {
  const host = estate.hosts[hostId];
  if (host === undefined) return;
  const onHost = [...state.hostOf].filter(([, on]) => on === hostId).map(([vm]) => vm);
  const cores = onHost.reduce((sum, vm) => sum + (state.coresOf.get(vm) ?? 0), 0);
  const ramBytes = onHost.reduce((sum, vm) => sum + (state.ramOf.get(vm) ?? 0), 0);
  if (cores > host.cores) {
    issues.add(
      path,
      `${hostId} needing ${cores} cores for ${onHost.join(', ')}`,
      `at most its ${host.cores} cores`,
    );
  }
  if (ramBytes > host.ram) {
    issues.add(
      path,
      `${hostId} needing ${formatSize(ramBytes)} of RAM for ${onHost.join(', ')}`,
      `at most its ${formatSize(host.ram)}`,
    );
  }
}
