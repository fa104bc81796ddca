/** `2017-02-27T12:00`: a local date and time, without seconds or a zone. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Whether a `startsAt` label is a real date and time: a month 1–12, a day that month has (29
 * February in leap years only), hours 0–23 and minutes 0–59. Date.UTC would roll `2017-13-45`
 * over into 2018 silently; a label that means nothing is refused instead.
 */
export function isLocalDateTime(text: string): boolean {
  const match = LOCAL_DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hours, minutes] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hours > 23 || minutes > 59 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= daysInMonth;
}

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
