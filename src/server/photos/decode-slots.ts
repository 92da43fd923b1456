import "server-only";

/**
 * How many photos one server process decodes at once. A 40-megapixel photo decodes to about
 * 120 MB of pixels, so six at once cost most of a gigabyte; more uploads than this wait their
 * turn (npm run bench:upload measures the difference).
 */
export const PHOTO_DECODE_CONCURRENCY = 2;

/** A counting semaphore: `run` waits for a free slot, first come, first served. */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  // Public so that the benchmark can lift it to measure what it saves.
  constructor(public limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // A waiting caller takes the slot over; otherwise it is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export const photoDecodeSlots = new Slots(PHOTO_DECODE_CONCURRENCY);
