import { describe } from 'vitest';
import { itGivesTheExpectedVerdict } from './verdicts.ts';

// 000_077f2af078f4f79b.txt: the February 2017 migration, its broken variants, and the old host.
describe('built-in scenarios from "Rearranging Raspberry Pi"', () => {
  for (const name of [
    'february-2017-migration',
    'broken-migration-hard-shutdown',
    'broken-migration-failover-behind',
    'broken-migration-cdn-never-told',
    'old-host-reboot-before',
    'old-host-reboot-after',
    'shelf-dual-fan-failure',
  ])
    itGivesTheExpectedVerdict(name);
});
