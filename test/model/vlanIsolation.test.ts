import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsolationIndex, findIsolationViolations } from '../../src/model/vlanIsolation.ts';
import type { PortView } from '../../src/model/vlanIsolation.ts';
import { checkProperty } from '../support/property.ts';

/** The layout of 004_b8bc5fb3cdb64335.txt: Pi n on port n, storage VLAN 9 + n, file server on 24. */
function cluster(piCount: number): PortView[] {
  const ports: PortView[] = [];
  for (let port = 1; port <= piCount; port++) {
    ports.push({ port, deviceKind: 'pi', deviceId: `pi${port}`, untaggedVlan: 9 + port, taggedVlans: [131] });
  }
  ports.push({
    port: 24,
    deviceKind: 'fileServer',
    deviceId: 'fileserver',
    untaggedVlan: undefined,
    taggedVlans: ports.map((view) => view.untaggedVlan as number),
  });
  return ports;
}

describe('VLAN isolation (004_b8bc5fb3cdb64335.txt)', () => {
  it('the cluster layout of the seed is isolated', () => {
    expect(findIsolationViolations(cluster(8), 131)).toEqual([]);
  });

  it('any Pi port given another Pi storage VLAN is reported, naming both ports', () => {
    checkProperty(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (intruder, victim, tagged) => {
          fc.pre(intruder !== victim);
          const ports = cluster(8).map((view) => {
            if (view.port !== intruder) return view;
            return tagged
              ? { ...view, taggedVlans: [...view.taggedVlans, 9 + victim] }
              : { ...view, untaggedVlan: 9 + victim };
          });
          const violations = findIsolationViolations(ports, 131);
          expect(
            violations.some(
              (v) => v.kind === 'reachesForeignStorageVlan' && v.port === intruder && v.otherPort === victim,
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('reports a public storage VLAN, a missing one, a stray VLAN and a storage VLAN exposed to another device', () => {
    const ports = cluster(4);
    ports[0] = { ...ports[0]!, untaggedVlan: 131, taggedVlans: [] };
    ports[1] = { ...ports[1]!, untaggedVlan: undefined };
    ports[2] = { ...ports[2]!, taggedVlans: [131, 200] };
    ports.push({
      port: 20,
      deviceKind: 'other',
      deviceId: 'router',
      untaggedVlan: undefined,
      taggedVlans: [13],
    });
    const kinds = findIsolationViolations(ports, 131).map((v) => `${v.kind}@${v.port}`);
    // Port 1's storage VLAN is the public one, so every Pi on VLAN 131 reaches its root too.
    expect(kinds).toEqual([
      'storageVlanIsPublic@1',
      'noStorageVlan@2',
      'reachesForeignStorageVlan@2',
      'reachesForeignStorageVlan@3',
      'unexpectedVlan@3',
      'reachesForeignStorageVlan@4',
      'storageVlanExposed@20',
    ]);
  });
});

describe('IsolationIndex: isolation kept up to date port by port', () => {
  const vlan = fc.constantFrom(10, 11, 12, 13, 131);
  const update = fc.record({
    port: fc.integer({ min: 1, max: 8 }),
    deviceKind: fc.constantFrom('pi' as const, 'fileServer' as const, 'other' as const, 'empty' as const),
    untaggedVlan: fc.option(vlan, { nil: undefined }),
    taggedVlans: fc.uniqueArray(vlan, { maxLength: 3 }),
  });

  it('after any sequence of port changes, reports exactly what a full check of every port reports, in the same order', () => {
    checkProperty(
      fc.property(fc.array(update, { minLength: 1, maxLength: 30 }), (updates) => {
        const index = new IsolationIndex(131);
        const ports = new Map<number, PortView>();
        for (const change of updates) {
          const view: PortView = {
            ...change,
            taggedVlans: change.taggedVlans.filter((tagged) => tagged !== change.untaggedVlan),
            deviceId: `${change.deviceKind}@${change.port}`,
          };
          ports.set(view.port, view);
          index.update(view);
          const inPortOrder = [...ports.values()].sort((a, b) => a.port - b.port);
          expect(index.violations()).toEqual(findIsolationViolations(inPortOrder, 131));
        }
      }),
      300,
    );
  });

  it('a Pi taking another Pi’s storage VLAN is reported at once and cleared when it gives it back', () => {
    const index = new IsolationIndex(131);
    const pi = (port: number, untaggedVlan: number): PortView => ({
      port,
      deviceKind: 'pi',
      deviceId: `pi${port}`,
      untaggedVlan,
      taggedVlans: [131],
    });
    index.update(pi(1, 10));
    index.update(pi(2, 11));
    expect(index.violations()).toEqual([]);
    index.update(pi(2, 10));
    expect(index.violations().map((v) => [v.kind, v.port, v.otherPort])).toEqual([
      ['reachesForeignStorageVlan', 1, 2],
      ['reachesForeignStorageVlan', 2, 1],
    ]);
    index.update(pi(2, 11));
    expect(index.violations()).toEqual([]);
  });
});
