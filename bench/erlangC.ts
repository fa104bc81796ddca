/**
 * The exact M/M/c answer (Erlang C), so the kernel's accuracy goal never depends on Python being
 * installed: the probability a request waits, and its mean wait in seconds.
 */
export function erlangCExact(servers: number, serviceRatePerSecond: number, arrivalsPerSecond: number) {
  const offeredErlangs = arrivalsPerSecond / serviceRatePerSecond;
  const utilisation = offeredErlangs / servers;
  if (utilisation >= 1) throw new RangeError(`an M/M/c queue at utilisation ${utilisation} never settles`);
  // Erlang B by its stable recurrence, then Erlang C from it.
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offeredErlangs * blocking) / (k + offeredErlangs * blocking);
  const probabilityOfWaiting = blocking / (1 - utilisation * (1 - blocking));
  const meanWaitSeconds = probabilityOfWaiting / (servers * serviceRatePerSecond - arrivalsPerSecond);
  return { probabilityOfWaiting, meanWaitSeconds };
}
