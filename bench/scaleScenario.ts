/**
 * Scenarios for the scale benchmark, written as text and read through the ordinary loader, so
 * they are checked like any file a user writes.
 *
 * `piBackendScenario(n)`: the eight-Pi cluster's ordinary hour (1,500 users, 30 s think time;
 * 004_b8bc5fb3cdb64335.txt) grown to n Pi 3s, every one a CDN backend of weight 1. The Pis sit
 * 100 to a shelf of 108 slots (the 2017 shelves, 001_c0c3c660f1f73f92.txt) and 500 to a switch;
 * each has its own untagged storage VLAN and the public VLAN 131 tagged, as in 004. Roots are on
 * SD cards so that no file server has to carry thousands of VLANs on one port (assumed: the root
 * filesystem does not change what the CDN, the switches or the shelves cost per request).
 *
 * `launchEstateScenario(days)`: the Pi Zero launch estate (raspberrypi-2015,
 * 003_fadcec8afe75cc12.txt) at its assumed baseline of 1,000 users for a number of days.
 */

const PIS_PER_SWITCH = 500;
const PIS_PER_SHELF = 100;
const PUBLIC_VLAN = 131;
const FIRST_STORAGE_VLAN = 10; // eth0.10 and up, as in 004_b8bc5fb3cdb64335.txt
const VLAN_MAX = 4094;

function storageVlan(piIndex: number): number {
  const vlan = FIRST_STORAGE_VLAN + piIndex;
  return vlan >= PUBLIC_VLAN ? vlan + 1 : vlan;
}

export const piBackendCountMax = VLAN_MAX - FIRST_STORAGE_VLAN;

export function piBackendScenario(piCount: number): string {
  if (!Number.isInteger(piCount) || piCount < 1 || piCount > piBackendCountMax)
    throw new RangeError(`piCount must be a whole number in 1..${piBackendCountMax}, got ${piCount}`);
  const switches: Record<string, unknown> = {};
  const shelves: Record<string, unknown> = {};
  const pis: Record<string, unknown> = {};
  const backends: Record<string, unknown> = { web1: null, web2: null };
  for (let index = 0; index < piCount; index++) {
    const switchId = `pi-switch${Math.floor(index / PIS_PER_SWITCH) + 1}`;
    const shelfId = `shelf${Math.floor(index / PIS_PER_SHELF) + 1}`;
    const port = (index % PIS_PER_SWITCH) + 1;
    const piId = `pi${index + 1}`;
    const switchPorts = (
      (switches[switchId] ??= {
        site: 'HEX',
        portSpeed: '100Mbps',
        ports: {},
      }) as { ports: Record<string, unknown> }
    ).ports;
    switchPorts[String(port)] = { untaggedVlan: storageVlan(index), taggedVlans: [PUBLIC_VLAN], poe: true };
    const shelf = (shelves[shelfId] ??= {
      site: 'HEX',
      size: 108,
      installed: 0,
      model: 'pi3',
      fans: 2,
      coldAisle: '22C',
      hotAisleRise: '5C',
      criticalTemperature: '85C',
    }) as { installed: number };
    shelf.installed++;
    pis[piId] = {
      ...(index === 0 ? { role: 'web-primary' } : {}),
      model: 'pi3',
      root: 'sd',
      switch: switchId,
      port,
      shelf: shelfId,
      address: `2a00:1098:0:84:1000:1::${(index + 2).toString(16)}`,
      power: '2W',
      web: { cpu: 'pi3', php: '7' },
    };
    backends[piId] = { weight: 1 };
  }
  return JSON.stringify({
    name: `pi-backends-${piCount}`,
    description: `${piCount} Pi 3s behind the CDN for an ordinary hour (scale benchmark).`,
    seed: 20160401,
    duration: '1h',
    estate: { extends: 'raspberrypi-2015', switches, shelves, pis, cdn: { backends } },
    workload: ordinaryWorkload(1_500),
  });
}

export function launchEstateScenario(days: number): string {
  return JSON.stringify({
    name: `launch-estate-${days}d`,
    description: `The Pi Zero launch estate at 1,000 users for ${days} days (scale benchmark).`,
    seed: 20151126,
    duration: `${days}d`,
    estate: { extends: 'raspberrypi-2015' },
    workload: ordinaryWorkload(1_000),
  });
}

/** The eight-Pi cluster's ordinary mix (004_b8bc5fb3cdb64335.txt, shares assumed there). */
function ordinaryWorkload(users: number): Record<string, unknown> {
  return {
    crowd: { shape: 'constant', users },
    thinkTime: '30s',
    mix: {
      cached: '77%',
      uncached: '3%',
      loggedIn: '2.9%',
      comments: '0.3%',
      admin: '0.2%',
      static: '16.6%',
    },
    requestTimeout: '30s',
  };
}
