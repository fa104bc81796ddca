import { actorsBench } from './actorsBench.ts';
import { capacityBench } from './capacityBench.ts';
import { checkBench } from './checkBench.ts';
import { kernelBench } from './kernelBench.ts';
import { launchBench } from './launchBench.ts';
import { scaleBench } from './scaleBench.ts';
import { startupBench } from './startupBench.ts';
import { sweepBench } from './sweepBench.ts';

/**
 * `npm run bench -- <name> [options]`. Each benchmark prints its figures beside the yardsticks of
 * ../shared/bench and says PASS or FAIL for its goals; the exit code is 1 when a goal is missed.
 */
const benches: Record<string, (args: string[]) => boolean | Promise<boolean>> = {
  kernel: kernelBench,
  actors: actorsBench,
  launch: launchBench,
  scale: scaleBench,
  startup: startupBench,
  check: checkBench,
  sweep: sweepBench,
  capacity: capacityBench,
};

const [name, ...args] = process.argv.slice(2);
const names = name === undefined || name === 'all' ? Object.keys(benches) : [name];
let allHeld = true;
for (const benchName of names) {
  const bench = benches[benchName];
  if (bench === undefined) {
    console.error(
      `unknown benchmark "${benchName}"; expected one of: ${Object.keys(benches).join(', ')}, all`,
    );
    process.exit(2);
  }
  console.log(`\n== ${benchName} ==`);
  allHeld = (await bench(args)) && allHeld;
}
process.exit(allHeld ? 0 : 1);
