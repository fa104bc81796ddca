import type { Scenario } from '../schema/index.ts';
import { IssueList, durationText, keysOf } from './issues.ts';

/** Each fault names a part of the right kind and is either scheduled or random, never both. */
export function crossCheckFaults(scenario: Scenario, issues: IssueList): void {
  const { estate } = scenario;
  const names = new Set((scenario.plan ?? []).map((step) => step.name));
  (scenario.faults ?? []).forEach((fault, index) => {
    const path = ['faults', index];
    if (fault.at === undefined && fault.rate === undefined) {
      issues.add(path, 'neither at nor rate', 'at (a scheduled fault) or rate (a random one)');
    } else if (fault.at !== undefined && fault.rate !== undefined) {
      issues.add([...path, 'rate'], 'both at and rate', 'one of them: at (scheduled) or rate (random)');
    }
    if (fault.at !== undefined && fault.at >= scenario.duration) {
      issues.add(
        [...path, 'at'],
        `${durationText(fault.at)}, not before the end of the run`,
        `a time before ${durationText(scenario.duration)}`,
      );
    }
    if (fault.name !== undefined) {
      if (names.has(fault.name))
        issues.add([...path, 'name'], `"${fault.name}" again`, 'a name no step or other fault uses');
      names.add(fault.name);
    }
    const target = [...path, 'target'];
    switch (fault.kind) {
      case 'host-reboot':
      case 'host-power-off':
        issues.reference(target, fault.target, 'VM host', keysOf(estate.hosts));
        return;
      case 'vm-crash':
      case 'replication-delay':
        issues.reference(target, fault.target, 'VM', keysOf(estate.vms));
        return;
      case 'fan-failure': {
        if (!issues.reference(target, fault.target, 'shelf', keysOf(estate.shelves))) return;
        const fans = estate.shelves?.[fault.target]?.fans ?? 0;
        if (fault.fans > fans)
          issues.add([...path, 'fans'], `${fault.fans} fans`, `at most the shelf's ${fans}`);
        return;
      }
      case 'netboot-stall': {
        if (!issues.reference(target, fault.target, 'Raspberry Pi', keysOf(estate.pis))) return;
        if (estate.pis?.[fault.target]?.root === 'sd') {
          issues.add(
            target,
            `"${fault.target}", a Pi that boots from its SD card`,
            'a Pi with root: nfs (only those netboot)',
          );
        }
        return;
      }
      case 'sd-failure':
        issues.reference(target, fault.target, 'Raspberry Pi', keysOf(estate.pis));
        return;
      case 'link-down':
        // In the schema so files can say it, refused until the network models an outage.
        issues.add(
          [...path, 'kind'],
          '"link-down"',
          'a fault the model simulates (outages of the link between sites are not modelled yet)',
        );
        return;
    }
  });
}
