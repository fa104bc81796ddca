/** Milliseconds in a day: the simulated clock counts in milliseconds. */
export const MS_PER_DAY = 24 * 3_600_000;

/** Milliseconds in a year of 365.25 days, the year rates such as "once or twice a year" mean. */
export const MS_PER_YEAR = 365.25 * MS_PER_DAY;
