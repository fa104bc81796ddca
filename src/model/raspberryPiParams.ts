import { assertArgument } from '../sim/limits.ts';
import { PI_2, PI_3 } from './cpuClasses.ts';
import { SD_CARD_DEFAULTS, validateSdCardParams } from './sdCard.ts';
import type { SdCardParams } from './sdCard.ts';

export type PiModel = 'pi2' | 'pi3';
/** Where the Pi loads its kernel: the SD card (as in 2016, 004_…) or the network (netboot, 002_…). */
export type BootSource = 'sd' | 'network';
/** Where the root filesystem lives: the SD card (crashed under load, 004_…) or NFS. */
export type RootFilesystem = 'sd' | 'nfs';

/** Durations of each boot stage, and how often a boot stalls. */
export interface NetbootParams {
  /** Boot ROM / bootcode until the network or SD is read. Assumption: ~1 s. */
  firmwareMs: number;
  /** DHCP (isc-dhcp-server, 002_ec1b4f84e52af146.txt). Assumption: ~2 s. */
  dhcpMs: number;
  /** TFTP of bootcode, firmware and kernel (tftpd, 002_…). Assumption: ~4 s for ~10 MB of small-block TFTP. */
  tftpMs: number;
  /** Kernel start until it mounts root. Assumption: ~6 s. */
  kernelMs: number;
  /** Mounting root and starting Raspbian up to Apache. Assumption: ~20 s over NFS, similar from SD. */
  mountRootMs: number;
  /**
   * Chance that one boot stops at a network stage and never finishes without a power cycle
   * (002_ec1b4f84e52af146.txt: "the netboot was occasionally stopping"). Assumption: 2 % per boot.
   */
  stallProbability: number;
}

export interface RaspberryPiParams {
  model: PiModel;
  /** Worker slots: one per core (003_fadcec8afe75cc12.txt: "Parallelising requests across all cores", 4 cores). */
  cores: number;
  /** Uncached page time: Pi 2 0.9 s, Pi 3 0.7 s on PHP 7 next to the DB (003_fadcec8afe75cc12.txt). */
  uncachedPageCpuMs: number;
  /**
   * Factor on page CPU time for the software: 1 on PHP 7, as measured. 003_fadcec8afe75cc12.txt's
   * "one fifth the speed" before the move splits into PHP 5.6 (PHP_56_OVER_7_SLOWDOWN in
   * cpuClasses.ts, 2×) and the far DB's round trips, which the request engine adds from where the
   * Pi sits; so a Pi on PHP 5.6 takes softwareSlowdown = 2.
   */
  softwareSlowdown: number;
  /** The Pi's Ethernet, shared by storage, DB and HTTP: 100 Mbps (003_fadcec8afe75cc12.txt). */
  nicBitsPerSecond: number;
  /** Backlog past which a transfer on the NIC is refused (see FifoLink). */
  nicBacklogMsMax: number;
  /** Power over Ethernet while running: "the Pi 3 consuming 2W" (002_ec1b4f84e52af146.txt). */
  poeDrawWatts: number;
  /** Power while throttled. Assumption: halving the ARM clock saves about a quarter of the board's draw. */
  throttledPowerWatts: number;
  /** SoC temperature at which the firmware throttles. Assumption: 80 °C, the Pi 3 firmware's limit. */
  throttleCelsius: number;
  /** The Pi unthrottles once it would run this far below throttleCelsius at full power. Assumption. */
  unthrottleHysteresisCelsius: number;
  /** SoC temperature the shelf alarms on. Assumption: 85 °C, the BCM2837's rated maximum. */
  criticalCelsius: number;
  /** SoC rise over the air around it per watt. Assumption: 15 K/W, a bare board in moving air (~30 °C at 2 W). */
  socKelvinPerWatt: number;
  /** Factor on CPU time while throttled. Assumption: the firmware drops the ARM from 1.2 GHz to 600 MHz. */
  throttledCpuSlowdown: number;
  bootSource: BootSource;
  /**
   * Bytes a Pi serving the site writes to its root per request it answers: Apache's access log,
   * PHP's session files and WordPress's file caches, as small synchronous writes. Assumption,
   * calibrated to 004_b8bc5fb3cdb64335.txt: a Pi under launch load on an SD root "kept crashing",
   * while one taking its ordinary share (1 in 24, 003_fadcec8afe75cc12.txt) stays within the card.
   */
  writeBytesPerRequest: number;
  /** Up and powered when the run starts (an estate found running); otherwise off until its port powers it. */
  initiallyUp: boolean;
  rootFilesystem: RootFilesystem;
  netboot: NetbootParams;
  sdCard: SdCardParams;
  /** NFS write-back interval: Linux flushes dirty pages every 5 s (dirty_writeback_centisecs; assumption). */
  nfsWritebackIntervalMs: number;
}

const NETBOOT_DEFAULTS: NetbootParams = {
  firmwareMs: 1_000,
  dhcpMs: 2_000,
  tftpMs: 4_000,
  kernelMs: 6_000,
  mountRootMs: 20_000,
  stallProbability: 0.02,
};

const PI3_DEFAULTS: RaspberryPiParams = {
  model: 'pi3',
  cores: PI_3.cores,
  uncachedPageCpuMs: PI_3.uncachedPageCpuMs,
  softwareSlowdown: 1,
  nicBitsPerSecond: 100e6,
  nicBacklogMsMax: 30_000,
  poeDrawWatts: 2,
  throttledPowerWatts: 1.5,
  throttleCelsius: 80,
  unthrottleHysteresisCelsius: 3,
  criticalCelsius: 85,
  socKelvinPerWatt: 15,
  throttledCpuSlowdown: 2,
  bootSource: 'network',
  initiallyUp: false,
  writeBytesPerRequest: 48_000,
  rootFilesystem: 'nfs',
  netboot: NETBOOT_DEFAULTS,
  sdCard: SD_CARD_DEFAULTS,
  nfsWritebackIntervalMs: 5_000,
};

/**
 * The Pi 2 differs in its page time (0.9 s, 003_fadcec8afe75cc12.txt), its draw (assumption:
 * ~1.7 W, it runs cooler than a Pi 3) and its throttle point (assumption: 85 °C, the Pi 2
 * firmware's limit, so it alarms at the same point it throttles).
 */
const PI2_DEFAULTS: RaspberryPiParams = {
  ...PI3_DEFAULTS,
  model: 'pi2',
  uncachedPageCpuMs: PI_2.uncachedPageCpuMs,
  poeDrawWatts: 1.7,
  throttledPowerWatts: 1.3,
  throttleCelsius: 85,
  criticalCelsius: 85,
  throttledCpuSlowdown: 1.5,
};

export type RaspberryPiOverrides = Partial<Omit<RaspberryPiParams, 'netboot' | 'sdCard'>> & {
  netboot?: Partial<NetbootParams>;
  sdCard?: Partial<SdCardParams>;
};

/** A Pi's parameters: the model's calibrated defaults with any overrides, validated. */
export function raspberryPiParams(
  model: PiModel,
  overrides: RaspberryPiOverrides = {},
  owner: string = model,
): RaspberryPiParams {
  const base = model === 'pi3' ? PI3_DEFAULTS : model === 'pi2' ? PI2_DEFAULTS : undefined;
  assertArgument(base !== undefined, `${owner}: model must be 'pi2' or 'pi3', got ${String(model)}`);
  const params: RaspberryPiParams = {
    ...base,
    ...overrides,
    model,
    netboot: { ...base.netboot, ...overrides.netboot },
    sdCard: { ...base.sdCard, ...overrides.sdCard },
  };
  validateRaspberryPiParams(owner, params);
  return params;
}

export function validateRaspberryPiParams(owner: string, p: RaspberryPiParams): void {
  const positive: [string, number][] = [
    ['uncachedPageCpuMs', p.uncachedPageCpuMs],
    ['softwareSlowdown', p.softwareSlowdown],
    ['nicBitsPerSecond', p.nicBitsPerSecond],
    ['socKelvinPerWatt', p.socKelvinPerWatt],
    ['throttledCpuSlowdown', p.throttledCpuSlowdown],
    ['nfsWritebackIntervalMs', p.nfsWritebackIntervalMs],
  ];
  for (const [name, value] of positive) {
    assertArgument(
      value > 0 && Number.isFinite(value),
      `${owner}: ${name} must be a positive number, got ${value}`,
    );
  }
  assertArgument(
    Number.isInteger(p.cores) && p.cores > 0 && p.cores <= 64,
    `${owner}: cores must be a whole number in 1..64, got ${p.cores}`,
  );
  assertArgument(p.poeDrawWatts > 0, `${owner}: poeDrawWatts must be positive, got ${p.poeDrawWatts}`);
  assertArgument(
    p.throttledPowerWatts > 0 && p.throttledPowerWatts <= p.poeDrawWatts,
    `${owner}: throttledPowerWatts must be in (0, poeDrawWatts = ${p.poeDrawWatts}], got ${p.throttledPowerWatts}`,
  );
  assertArgument(
    p.criticalCelsius >= p.throttleCelsius,
    `${owner}: criticalCelsius (${p.criticalCelsius}) must be at least throttleCelsius (${p.throttleCelsius})`,
  );
  assertArgument(
    p.unthrottleHysteresisCelsius >= 0,
    `${owner}: unthrottleHysteresisCelsius must be non-negative, got ${p.unthrottleHysteresisCelsius}`,
  );
  assertArgument(
    p.bootSource === 'sd' || p.bootSource === 'network',
    `${owner}: bootSource must be 'sd' or 'network', got ${String(p.bootSource)}`,
  );
  assertArgument(
    p.rootFilesystem === 'sd' || p.rootFilesystem === 'nfs',
    `${owner}: rootFilesystem must be 'sd' or 'nfs', got ${String(p.rootFilesystem)}`,
  );
  const n = p.netboot;
  for (const [name, value] of Object.entries({
    firmwareMs: n.firmwareMs,
    dhcpMs: n.dhcpMs,
    tftpMs: n.tftpMs,
    kernelMs: n.kernelMs,
    mountRootMs: n.mountRootMs,
  })) {
    assertArgument(
      value >= 0 && Number.isFinite(value),
      `${owner}: netboot.${name} must be a non-negative number, got ${value}`,
    );
  }
  assertArgument(
    n.stallProbability >= 0 && n.stallProbability <= 1,
    `${owner}: netboot.stallProbability must be in [0, 1], got ${n.stallProbability}`,
  );
  validateSdCardParams(owner, p.sdCard);
}
