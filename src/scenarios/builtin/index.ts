import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built-in estates (what `extends` can name) and scenarios (what `twin list` shows). The
 * YAML files are the truth; test/scenarios/builtin.test.ts checks this list agrees with them.
 */

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..', '..');

export interface BuiltinFile {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the YAML file. */
  readonly path: string;
  /** The path errors show, relative to the package. */
  readonly shownAs: string;
}

export interface BuiltinScenario extends BuiltinFile {
  /** The seed file its numbers come from. */
  readonly source: string;
}

function located(folder: string, name: string): { path: string; shownAs: string } {
  const path = join(here, folder, `${name}.yaml`);
  return { path, shownAs: relative(packageRoot, path) };
}

const estate = (name: string, description: string): BuiltinFile => ({
  name,
  description,
  ...located('estates', name),
});

const scenario = (name: string, source: string, description: string): BuiltinScenario => ({
  name,
  description,
  source,
  ...located('scenarios', name),
});

export const builtinEstates: readonly BuiltinFile[] = [
  estate(
    'raspberrypi-2015',
    'Late 2015: one VM host in HEX with web1, web2 and db1 behind the Mac Mini CDN.',
  ),
  estate(
    'raspberrypi-2016',
    'Pi 3 launch, Feb 2016: the 2015 estate plus a Pi 2 and a Pi 3 (SD root) taking 1 in 12 requests.',
  ),
  estate('raspberrypi-2016-pi-cluster', 'April 2016: eight Pi 3s on NFS root serve the whole site.'),
  estate(
    'raspberrypi-2017',
    'Feb 2017 before the migration: the 2015 estate plus new hosts in HEX and SOV and db2, off.',
  ),
  estate(
    'raspberrypi-2017-after',
    'Feb 2017 after the migration: web1 and db2 (primary) in SOV; web2 and db1 (replica) on the new HEX host.',
  ),
];

const MIGRATION = '000_077f2af078f4f79b.txt';
const LAUNCHES = '003_fadcec8afe75cc12.txt';
const PI_CLUSTER = '004_b8bc5fb3cdb64335.txt';
const SHELF = '001_c0c3c660f1f73f92.txt';

export const builtinScenarios: readonly BuiltinScenario[] = [
  scenario(
    'february-2017-migration',
    MIGRATION,
    'Replica in SOV, failover, move both web servers, tell the CDN: no user-facing downtime.',
  ),
  scenario(
    'pi-zero-launch',
    LAUNCHES,
    'Pi Zero launch, 26 Nov 2015 7am: 10,000 users, web VMs at 10-25%, DB nearly idle.',
  ),
  scenario(
    'pi2-launch-before-staticify',
    LAUNCHES,
    'Pi 2 launch, Feb 2015, no staticify: 4,500 users, comments invalidate the cache, errors.',
  ),
  scenario(
    'pi3-launch',
    LAUNCHES,
    'Pi 3 launch, 29 Feb 2016: a Pi 2 and a Pi 3 on SD roots take about 1 in 12 requests, and crash.',
  ),
  scenario(
    'eight-pi-cluster',
    PI_CLUSTER,
    'Eight Pi 3s serve the whole site for 3.5 days; uploads slow, rare slow functions time out.',
  ),
  scenario(
    'sd-root-under-launch-load',
    PI_CLUSTER,
    'Pis with root on SD under launch load: the cards stall and the Pis crash.',
  ),
  scenario(
    'nfs-root-under-launch-load',
    PI_CLUSTER,
    'The same Pis with root on NFS under the same load: no crashes.',
  ),
  scenario(
    'shelf-dual-fan-failure',
    SHELF,
    'Two fans fail on a shelf of 108 Pi 3s: about 6 h to critical temperature.',
  ),
  scenario(
    'old-host-reboot-before',
    MIGRATION,
    'The old HEX host reboots by itself with the whole site on it: users see downtime.',
  ),
  scenario(
    'old-host-reboot-after',
    MIGRATION,
    'The same reboot after the migration: nothing of the main site is on it any more.',
  ),
  scenario(
    'broken-migration-hard-shutdown',
    MIGRATION,
    'Broken: web2 is shut down hard without a drain; requests in flight fail.',
  ),
  scenario(
    'broken-migration-failover-behind',
    MIGRATION,
    'Broken: failover to db2 before it has caught up; acknowledged writes are lost.',
  ),
  scenario(
    'broken-migration-cdn-never-told',
    MIGRATION,
    'Broken: web1 moves to SOV and the CDN is never told; the admin side stays down.',
  ),
];

export function findBuiltinScenario(name: string): BuiltinScenario | undefined {
  return builtinScenarios.find((entry) => entry.name === name);
}
