import { assertArgument } from '../sim/limits.ts';
import { PI_2, PI_3 } from './cpuClasses.ts';
import { SD_CARD_DEFAULTS, validateSdCardParams } from './sdCard.ts';
import type { SdCardParams } from './sdCard.ts';
import { ACCESS_LOG_LINE_BYTES, RENDER_WRITE_BYTES } from './piWork.ts';
import { BOARD_JOULES_PER_GRAM_KELVIN, PI_BOARD_GRAMS } from './shelfPhysics.ts';

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
  /**
   * Backlog past which a transfer on the NIC is refused (see FifoLink). Assumption: 30 s, the
   * request engine's user timeout; nothing waiting longer than that is still wanted.
   */
  nicBacklogMsMax: number;
  /**
   * Power over Ethernet with the CPU idle: "The switch is reporting the Pi 3 consuming 2W"
   * (002_ec1b4f84e52af146.txt, an idle netbooting Pi 3). The switch's PoE budget counts this.
   */
  poeDrawWatts: number;
  /**
   * Power over Ethernet with every core busy. Datasheet-like measurement (pidramble.com power
   * benchmarks): a Pi 3 B draws 1.4 W idle and 3.7 W at full CPU load at its USB input; 002's 2 W
   * idle at the PoE port makes the PoE adapter ~70 % efficient, so full load is 3.7 / 0.7 ≈ 5.3 W.
   */
  busyWatts: number;
  /**
   * CPU time of a cached hit (Apache sending a file without PHP). Assumption: 1 ms, as the request
   * engine's cachedPageCpuMs.
   */
  cachedHitCpuMs: number;
  /**
   * SoC temperature at which the firmware throttles the ARM. Raspberry Pi documentation (frequency
   * management and thermal control): firmware of 2016 throttles at 80 °C (later firmware adds a
   * 60 °C soft limit on the Pi 3 B+, which these Pis do not have).
   */
  throttleCelsius: number;
  /** The Pi unthrottles once its SoC has cooled this far below throttleCelsius. Assumption: 3 °C. */
  unthrottleHysteresisCelsius: number;
  /** SoC temperature the shelf alarms on. Assumption: 85 °C, the BCM2837's rated maximum. */
  criticalCelsius: number;
  /**
   * SoC temperature past which the Pi powers itself off and stays off until its port is power-cycled.
   * Assumption: 90 °C, past the SoC's 85 °C rating, where the kernel's thermal "critical" trip
   * point calls an orderly power-off.
   */
  shutdownCelsius: number;
  /**
   * SoC rise over the air around it per watt drawn at the port. Assumption: a bare Pi 3 under a
   * four-core stress test reaches its 80 °C throttle point in ~25 °C open air (widely reported in
   * 2016), 55 K at 5.3 W: ~10 K/W.
   */
  socKelvinPerWatt: number;
  /**
   * Heat capacity the SoC warms with before its heat reaches the air: the board it is soldered to,
   * 45 g (Raspberry Pi 3 and 2 Model B product briefs; no heatsink on the seeds' Pis, assumed) ×
   * 0.9 J/(g·K) (shelfPhysics.ts) = 40.5 J/K. With socKelvinPerWatt it sets the Pi's own thermal
   * time constant, 40.5 × 10 = 405 s: a step of load heats the SoC over minutes, not at once.
   */
  boardHeatCapacityJoulesPerKelvin: number;
  /**
   * Factor on CPU time while throttled: the firmware drops the ARM to arm_freq_min, 600 MHz on the
   * Pi 2 and Pi 3 (Raspberry Pi documentation, config.txt overclocking options): 1.2 GHz / 600 MHz = 2.
   */
  throttledCpuSlowdown: number;
  bootSource: BootSource;
  /** Bytes a cached hit writes to the root: its access-log line (ACCESS_LOG_LINE_BYTES in piWork.ts). */
  cachedHitWriteBytes: number;
  /** Bytes a render writes to the root: log line, PHP session, Supercache files (RENDER_WRITE_BYTES in piWork.ts). */
  renderWriteBytes: number;
  /** Up and powered when the run starts (an estate found running); otherwise off until its port powers it. */
  initiallyUp: boolean;
  rootFilesystem: RootFilesystem;
  netboot: NetbootParams;
  sdCard: SdCardParams;
  /**
   * NFS write-back interval: Linux's flusher wakes every 5 s (vm.dirty_writeback_centisecs = 500,
   * the kernel's default).
   */
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
  busyWatts: 5.3,
  cachedHitCpuMs: 1,
  throttleCelsius: 80,
  unthrottleHysteresisCelsius: 3,
  criticalCelsius: 85,
  shutdownCelsius: 90,
  socKelvinPerWatt: 10,
  boardHeatCapacityJoulesPerKelvin: PI_BOARD_GRAMS * BOARD_JOULES_PER_GRAM_KELVIN,
  throttledCpuSlowdown: 2,
  bootSource: 'network',
  initiallyUp: false,
  cachedHitWriteBytes: ACCESS_LOG_LINE_BYTES,
  renderWriteBytes: RENDER_WRITE_BYTES,
  rootFilesystem: 'nfs',
  netboot: NETBOOT_DEFAULTS,
  sdCard: SD_CARD_DEFAULTS,
  nfsWritebackIntervalMs: 5_000,
};

/**
 * The Pi 2 differs in its page time (0.9 s, 003_fadcec8afe75cc12.txt), its draw (pidramble.com:
 * 1.1 W idle, 2.1 W at full load at its input; through the same ~70 % PoE adapter 1.6 W and 3.0 W),
 * its throttle point (Raspberry Pi documentation: temp_limit, 85 °C by default, is the Pi 2's only
 * limit, so it alarms at the same point it throttles) and its throttled clock (900 MHz down to
 * arm_freq_min, 600 MHz: 1.5×).
 */
const PI2_DEFAULTS: RaspberryPiParams = {
  ...PI3_DEFAULTS,
  model: 'pi2',
  uncachedPageCpuMs: PI_2.uncachedPageCpuMs,
  poeDrawWatts: 1.6,
  busyWatts: 3,
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
    ['boardHeatCapacityJoulesPerKelvin', p.boardHeatCapacityJoulesPerKelvin],
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
    p.busyWatts >= p.poeDrawWatts && Number.isFinite(p.busyWatts),
    `${owner}: busyWatts must be at least poeDrawWatts = ${p.poeDrawWatts}, got ${p.busyWatts}`,
  );
  assertArgument(
    p.shutdownCelsius >= p.criticalCelsius,
    `${owner}: shutdownCelsius (${p.shutdownCelsius}) must be at least criticalCelsius (${p.criticalCelsius})`,
  );
  for (const [name, value] of [
    ['cachedHitWriteBytes', p.cachedHitWriteBytes],
    ['renderWriteBytes', p.renderWriteBytes],
    ['cachedHitCpuMs', p.cachedHitCpuMs],
  ] as const) {
    assertArgument(
      value >= 0 && Number.isFinite(value),
      `${owner}: ${name} must be a non-negative number, got ${value}`,
    );
  }
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
