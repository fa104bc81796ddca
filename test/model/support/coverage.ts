import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  path: string[];
  states: Record<string, NodeLike>;
  initial?: { target: NodeLike[] } | undefined;
  always?: unknown[] | undefined;
  transitions: Map<string, Array<{ target?: NodeLike[] | undefined }>>;
}

function leavesOf(node: NodeLike): NodeLike[] {
  const children = Object.values(node.states);
  if (children.length === 0) return node.always !== undefined && node.always.length > 0 ? [] : [node];
  return children.flatMap(leavesOf);
}

function initialLeaf(node: NodeLike): NodeLike {
  const first = node.initial?.target[0];
  return first === undefined ? node : initialLeaf(first);
}

/** Every `from->to` pair of leaf states a machine's transitions (events and delays) can make. */
export function machineTransitions(machine: AnyStateMachine): string[] {
  const pairs = new Set<string>();
  const visit = (node: NodeLike): void => {
    for (const definitions of node.transitions.values()) {
      for (const definition of definitions) {
        for (const target of definition.target ?? []) {
          const to = initialLeaf(target).path.join('.');
          for (const leaf of leavesOf(node)) pairs.add(`${leaf.path.join('.')}->${to}`);
        }
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as NodeLike);
  return [...pairs].sort();
}

/** The `from->to` pairs a trace shows for parts of one kind (their ids). */
export function observedTransitions(lines: readonly string[], partIds: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  for (const line of lines) {
    const entry = JSON.parse(line) as { part: string; from: string | null; to: string | null };
    if (partIds.has(entry.part) && entry.from !== null && entry.to !== null)
      seen.add(`${entry.from}->${entry.to}`);
  }
  return seen;
}
