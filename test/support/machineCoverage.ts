import { getStateNodes } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { ModelContext } from '../../src/model/part.ts';

interface TraceLine {
  part: string;
  event: string;
  from: string | null;
  to: string | null;
}

/**
 * Shows that tests reach every state and take every transition of a machine: the tests of a file
 * register the model contexts they build, and a last test compares the parts' traces with the
 * machine's definition (state nodes and transitions listed by @xstate/graph).
 */
export class MachineCoverage {
  private readonly contexts: ModelContext[] = [];

  track(context: ModelContext): ModelContext {
    this.contexts.push(context);
    return context;
  }

  /**
   * States and transitions of `machine` that no part of `kind` went through (a kind and its
   * variants: `raspberryPi` covers `raspberryPi.pi2` and `raspberryPi.pi3`).
   */
  missing(machine: AnyStateMachine, kind: string): { states: string[]; transitions: string[] } {
    const lines: TraceLine[] = [];
    for (const context of this.contexts) {
      const ids = new Set(
        context.parts
          .all()
          .filter((part) => part.kind === kind || part.kind.startsWith(`${kind}.`))
          .map((part) => part.id),
      );
      for (const raw of context.kernel.trace.lines()) {
        const line = JSON.parse(raw) as TraceLine;
        if (ids.has(line.part) && line.to !== null) lines.push(line);
      }
    }
    const visited = new Set<string>();
    for (const line of lines) {
      const parts = (line.to as string).split('.');
      for (let length = 1; length <= parts.length; length++) visited.add(parts.slice(0, length).join('.'));
    }
    const within = (state: string | null, node: string): boolean =>
      state !== null && (state === node || state.startsWith(`${node}.`));
    const states: string[] = [];
    const transitions: string[] = [];
    for (const node of getStateNodes(machine.root)) {
      const path = node.path.join('.');
      if (path === '') continue;
      // A transient state (only eventless transitions) is left in the same step it is entered, so
      // no trace can show it; its targets are covered as states in their own right.
      if (node.always !== undefined && node.always.length > 0 && node.transitions.size === 0) continue;
      if (!visited.has(path)) states.push(path);
      for (const [eventType, definitions] of node.transitions) {
        for (const definition of definitions) {
          for (const target of definition.target ?? []) {
            const targetPath = target.path.join('.');
            const taken = lines.some(
              (line) => line.event === eventType && within(line.from, path) && within(line.to, targetPath),
            );
            if (!taken) transitions.push(`${path} --${eventType}--> ${targetPath}`);
          }
        }
      }
    }
    return { states, transitions };
  }
}
