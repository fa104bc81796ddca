/**
 * A time in the run as the wall clock read it, `2017-02-27 12:45`, from the scenario's label for
 * time zero. Computed on the label's own calendar (no time zone), so it never depends on where
 * the report is printed.
 */
export function wallClock(startsAt: string, seconds: number): string {
  const [date = '', time = '00:00'] = startsAt.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const startMs = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hours ?? 0, minutes ?? 0);
  return new Date(startMs + seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
