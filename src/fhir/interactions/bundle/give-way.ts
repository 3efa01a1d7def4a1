/**
 * A Bundle of a thousand entries is a thousand validations and index computations, mostly synchronous: without a
 * pause, every other client waits for all of them. Every this many entries the loop lets pending I/O callbacks
 * (other requests) run first; a pause costs microseconds, so the Bundle itself barely slows down.
 */
const ENTRIES_PER_TURN = 5;

/** Yields to the event loop before every ENTRIES_PER_TURN-th entry (not before the first). */
export async function giveWay(index: number): Promise<void> {
  if (index > 0 && index % ENTRIES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
}
