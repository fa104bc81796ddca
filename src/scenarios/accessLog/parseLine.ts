/**
 * One line of an Apache or nginx access log in the combined format:
 * `host ident user [day/Mon/year:HH:MM:SS ±zone] "METHOD path protocol" status bytes "referer" "agent"`.
 * The common format (no referer and agent) is accepted too. Only what the replay needs is kept.
 */
export interface AccessLogEntry {
  /** Seconds since the Unix epoch, in UTC (the log's resolution is one second). */
  epochSecond: number;
  method: string;
  /** The request path with its query string, as logged. */
  path: string;
  status: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** host ident user [time] "request" status bytes, then optionally "referer" "agent". */
const COMBINED =
  /^\S+ \S+ \S+ \[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?" (\d{3}) (\d+|-)(?: "[^"]*" "[^"]*")?\s*$/;

/** The entry a line holds, or undefined when it is not a combined- or common-format line. */
export function parseAccessLogLine(line: string): AccessLogEntry | undefined {
  const match = COMBINED.exec(line);
  if (match === null) return undefined;
  const [, day, monthName, year, hour, minute, second, sign, zoneHours, zoneMinutes, method, path, status] =
    match as unknown as string[];
  const month = MONTHS.indexOf(monthName as string);
  if (month < 0) return undefined;
  const localMs = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
  // A date such as 31/Feb rolls over in Date.UTC; a line that claims one is malformed.
  if (new Date(localMs).getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59)
    return undefined;
  const zoneMinutesTotal = (Number(zoneHours) * 60 + Number(zoneMinutes)) * (sign === '-' ? -1 : 1);
  return {
    epochSecond: localMs / 1000 - zoneMinutesTotal * 60,
    method: method as string,
    path: path as string,
    status: Number(status),
  };
}
