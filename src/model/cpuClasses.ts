/**
 * CPU classes a web server runs on, with the uncached WordPress page time each was measured at.
 * The page time is the CPU part; the DB round trips are added by the request engine from where
 * the server sits, so moving a server changes its page time without touching these numbers.
 */
export interface CpuClass {
  readonly name: string;
  /** Cores, one PHP worker each (the seeds' "parallelising requests across all cores"). */
  readonly cores: number;
  /** CPU time of one uncached page on the PHP version it was measured with. */
  readonly uncachedPageCpuMs: number;
  readonly phpVersion: '5.6' | '7';
}

// 003_fadcec8afe75cc12.txt: "Blog VM (PHP 5.6) 24 x 2.4Ghz Ivy Bridge 0.4" seconds per page.
export const VM_IVY_BRIDGE_24: CpuClass = {
  name: 'vm-24x2.4GHz-ivy-bridge',
  cores: 24,
  uncachedPageCpuMs: 400,
  phpVersion: '5.6',
};

// 003_fadcec8afe75cc12.txt: "Pi 2 (PHP 7) 4 x 0.9Ghz A7 0.9" seconds per page.
export const PI_2: CpuClass = { name: 'pi2', cores: 4, uncachedPageCpuMs: 900, phpVersion: '7' };

// 003_fadcec8afe75cc12.txt: "Pi 3 (PHP 7) 4 x 1.2Ghz A? 0.7" seconds per page.
export const PI_3: CpuClass = { name: 'pi3', cores: 4, uncachedPageCpuMs: 700, phpVersion: '7' };

/**
 * How much slower PHP 5.6 runs a page than PHP 7 on the same CPU. Assumption, split out of
 * 003_fadcec8afe75cc12.txt: a Pi 3 far from the DB on PHP 5.6 ran at "one fifth the speed of the
 * production VMs" (5 × 0.4 s = 2.0 s) and "less than twice" (0.7 s) after moving next to the DB and
 * upgrading to PHP 7. We give PHP 2× of that (1.4 s) and the far DB round trips the rest (0.6 s);
 * PHP 7's own release notes claimed about 2× over 5.6 for WordPress.
 */
export const PHP_56_OVER_7_SLOWDOWN = 2;

/** Factor on a class's page time when it runs another PHP version than it was measured on. */
export function phpSlowdown(cpuClass: CpuClass, phpVersion: '5.6' | '7'): number {
  if (cpuClass.phpVersion === phpVersion) return 1;
  return phpVersion === '5.6' ? PHP_56_OVER_7_SLOWDOWN : 1 / PHP_56_OVER_7_SLOWDOWN;
}
