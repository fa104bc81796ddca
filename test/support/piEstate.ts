import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { NetworkSwitch } from '../../src/model/networkSwitch.ts';
import type { NetworkSwitchParams } from '../../src/model/networkSwitch.ts';
import { NfsServer } from '../../src/model/nfsServer.ts';
import type { NfsServerParams } from '../../src/model/nfsServer.ts';
import { wirePiCluster } from '../../src/model/piCluster.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import type { PiModel, RaspberryPiOverrides } from '../../src/model/raspberryPiParams.ts';

export interface PiEstate {
  kernel: Kernel;
  context: ModelContext;
  network: NetworkSwitch;
  nfsServer: NfsServer;
  pis: RaspberryPi[];
}

/** The eight-Pi cluster of 004_b8bc5fb3cdb64335.txt (or another size), wired and powered. */
export function buildPiCluster(
  options: {
    seed?: number;
    piCount?: number;
    model?: PiModel;
    pi?: RaspberryPiOverrides;
    network?: Partial<NetworkSwitchParams>;
    nfsServer?: Partial<NfsServerParams>;
    track?: (context: ModelContext) => ModelContext;
  } = {},
): PiEstate {
  const kernel = new Kernel({ seed: options.seed ?? 1 });
  const context = createModelContext(kernel);
  options.track?.(context);
  const network = new NetworkSwitch(context, 'switch1', options.network);
  const nfsServer = new NfsServer(context, 'fileserver', options.nfsServer);
  const pis: RaspberryPi[] = [];
  for (let index = 0; index < (options.piCount ?? 8); index++) {
    pis.push(
      createRaspberryPi(context, `pi${index + 1}`, options.model ?? 'pi3', options.pi ?? {}, { nfsServer }),
    );
  }
  wirePiCluster(network, nfsServer, pis);
  return { kernel, context, network, nfsServer, pis };
}

/** Each part's state changes from the trace, as `part: to` strings. */
export function stateChanges(context: ModelContext, part: string): string[] {
  return context.kernel.trace
    .lines()
    .map((line) => JSON.parse(line) as { part: string; to: string | null; timeMs: number })
    .filter((line) => line.part === part && line.to !== null)
    .map((line) => `${line.timeMs}:${line.to}`);
}
