import type { Kernel } from '../sim/kernel.ts';
import type { RandomStream } from '../sim/random.ts';

/** How the room's air drifts: a step every stepMs of a normal draw, held within bounds. */
export interface RoomDriftParams {
  coldAisleCelsius: number;
  roomDriftStepMs: number;
  roomDriftStdDevCelsius: number;
  roomCelsiusMin: number;
  roomCelsiusMax: number;
}

/**
 * The cold aisle's temperature as a bounded random walk, one step an hour by default, drawn from
 * its own stream so it does not disturb other draws. Each step calls `onStep` so the shelf
 * re-solves its temperatures.
 */
export class RoomDrift {
  private celsius: number;
  private readonly stream: RandomStream;

  constructor(
    private readonly kernel: Kernel,
    streamName: string,
    private readonly params: RoomDriftParams,
    private readonly onStep: () => void,
  ) {
    this.celsius = params.coldAisleCelsius;
    this.stream = kernel.random.stream(streamName);
    if (params.roomDriftStdDevCelsius > 0) this.schedule();
  }

  get coldCelsius(): number {
    return this.celsius;
  }

  private schedule(): void {
    this.kernel.scheduleCallback(this.params.roomDriftStepMs, () => {
      const p = this.params;
      const stepped = this.celsius + this.stream.normal(0, p.roomDriftStdDevCelsius);
      this.celsius = Math.min(p.roomCelsiusMax, Math.max(p.roomCelsiusMin, stepped));
      this.onStep();
      this.schedule();
    });
  }
}
