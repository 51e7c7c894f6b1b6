// The runner's default limits for one step attempt, by kind of work; step types pick one.
/** A command or parallel step without its own timeout still ends: a lost device never leaves a step running forever. */
export const DEFAULT_STEP_TIMEOUT_MS = 60 * 60_000
/** Conditions, transforms and fail steps are pure evaluation; anything slower is a bug. */
export const CONDITION_TIMEOUT_MS = 10_000
/** A webhook attempt may outlast its request timeout by this much (connection set-up, reading the body). */
export const WEBHOOK_TIMEOUT_MARGIN_MS = 5_000
