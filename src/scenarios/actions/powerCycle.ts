import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, refuse } from './types.ts';

export const powerCycleAction = defineAction({
  kind: 'power-cycle',
  schema: stepSchema(
    'power-cycle',
    { pi: reference('a Raspberry Pi on a PoE port') },
    "Turn a Pi's PoE port off and on again; the Pi netboots.",
  ),
  doc:
    "Turns a Pi's PoE port off and on again from its switch, and ends when the Pi has netbooted, " +
    'serves again and every CDN node that knows it has health-checked it up. Validation refuses a ' +
    'Pi on a port without PoE; the run refuses the step when the switch is down.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, estate }) {
    const pis = estate.pis ?? {};
    if (!issues.reference([...path, 'pi'], step.pi, 'Raspberry Pi', keysOf(pis))) return;
    const pi = pis[step.pi];
    const port = pi === undefined ? undefined : estate.switches?.[pi.switch]?.ports[String(pi.port)];
    if (port !== undefined && port.poe !== true) {
      issues.add(
        [...path, 'pi'],
        `"${step.pi}", on a port without PoE`,
        'a Pi on a PoE port (power-cycling turns the port off and on)',
      );
    }
  },
  begin(step, { estate, backInService }) {
    const { pis } = estate;
    const sw = [...pis.switches.values()].find((candidate) => candidate.portOf(step.pi) !== undefined);
    if (sw === undefined) return refuse(`${step.pi} is on no switch port`);
    if (!sw.isUp()) return refuse(`switch ${sw.id} is down: it cannot power-cycle ${step.pi}`);
    pis.powerCycle(step.pi);
    return { until: () => pis.isServing(step.pi) && backInService(step.pi) };
  },
});
