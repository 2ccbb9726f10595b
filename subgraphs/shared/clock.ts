/** "Now" for the hub: the real time, or a fixed instant for demos and tests (HUB_CLOCK). */
export interface Clock {
  now(): Date;
  /** Today's calendar date in China Standard Time, "YYYY-MM-DD". */
  today(): string;
}

const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar date of `instant` in China Standard Time. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO-8601 with the +08:00 offset, as the schema's DateTime shows it. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** A clock fixed at `fixed` when given (an ISO date-time), else the system clock. */
export function createClock(fixed?: string): Clock {
  if (fixed) {
    const at = new Date(fixed);
    if (Number.isNaN(at.getTime())) throw new RangeError(`HUB_CLOCK is not an ISO date-time: ${fixed}`);
    return { now: () => new Date(at), today: () => chinaDate(at) };
  }
  return { now: () => new Date(), today: () => chinaDate(new Date()) };
}
