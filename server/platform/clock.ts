// The time source every service reads, passed in so tests can run on a manual clock.
export type Clock = { now: () => Date }

export const systemClock: Clock = { now: () => new Date() }
