import { describe } from 'vitest';
import { itGivesTheExpectedVerdict } from './verdicts.ts';

// 003_fadcec8afe75cc12.txt and 004_b8bc5fb3cdb64335.txt: launches, the Pis, and the eight-Pi cluster.
describe('built-in launch and Pi scenarios', () => {
  for (const name of [
    'pi-zero-launch',
    'pi2-launch-before-staticify',
    'pi3-launch',
    'sd-root-under-launch-load',
    'nfs-root-under-launch-load',
  ])
    itGivesTheExpectedVerdict(name);
});
