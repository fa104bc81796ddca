export { Kernel } from './kernel.ts';
export type { EventHandler, KernelOptions, RunBounds, RunResult, StopReason } from './kernel.ts';
export { SimClock } from './clock.ts';
export { EventQueue } from './eventQueue.ts';
export { RingQueue } from './ringQueue.ts';
export { RandomStream, RandomStreams } from './random.ts';
export { Trace } from './trace.ts';
export type { TraceEntry, TraceOptions } from './trace.ts';
export { LimitExceededError, assertArgument } from './limits.ts';
