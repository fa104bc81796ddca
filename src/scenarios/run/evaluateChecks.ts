import type { CheckResult } from '../report.ts';
import type { Check } from '../schema/index.ts';
import type { Measurements } from './measurements.ts';

type Unit = 'ms' | 'fraction' | 'count' | 'celsius';

/** A check's measured value in base units, or a reason it could not be measured. */
type Measured = { value: number; unit: Unit } | { missing: string };

const SECOND_MS = 1000;

function measure(check: Check, measurements: Measurements): Measured {
  const service = (name: string | undefined) => measurements.services[name ?? 'www'];
  switch (check.check) {
    case 'user-downtime': {
      const report = service(check.service);
      if (!report) return { missing: 'no such service' };
      if (report.requests === 0)
        return { missing: 'nobody used the service, so its downtime proves nothing' };
      return { value: report.downtimeSeconds * SECOND_MS, unit: 'ms' };
    }
    case 'failed-requests': {
      const report = service(check.service);
      if (!report) return { missing: 'no such service' };
      const all = report.failed + report.timedOut;
      const counted =
        check.requests === 'writes'
          ? report.failedWrites
          : check.requests === 'reads'
            ? all - report.failedWrites
            : all;
      return { value: counted, unit: 'count' };
    }
    case 'failed-share': {
      const report = service(check.service);
      if (!report) return { missing: 'no such service' };
      if (report.requests === 0) return { missing: 'no requests, so no share of them' };
      return { value: (report.failed + report.timedOut) / report.requests, unit: 'fraction' };
    }
    case 'timed-out-requests': {
      const report = service(check.service);
      return report ? { value: report.timedOut, unit: 'count' } : { missing: 'no such service' };
    }
    case 'admin-downtime':
      return { value: measurements.adminDowntimeMs, unit: 'ms' };
    case 'db-interruption':
      return { value: measurements.dbInterruptionLongestMs, unit: 'ms' };
    case 'lost-writes':
      return { value: measurements.lostWrites, unit: 'count' };
    case 'split-brain':
      return { value: measurements.splitBrainMs, unit: 'ms' };
    case 'latency': {
      const report = service(check.service);
      if (!report) return { missing: 'no such service' };
      // Failed requests have no latency; if nothing was answered or timed out, nothing was measured.
      if (report.requests - report.failed === 0) return { missing: 'no request was answered or timed out' };
      return { value: report.latencyMs[check.percentile], unit: 'ms' };
    }
    case 'utilisation': {
      const value = measurements.utilisationPeak(check.part);
      return value === undefined
        ? { missing: `${check.part} reports no utilisation` }
        : { value, unit: 'fraction' };
    }
    case 'temperature': {
      const value = measurements.temperaturePeakCelsius(check.part);
      return value === undefined
        ? { missing: `${check.part} has no temperature` }
        : { value, unit: 'celsius' };
    }
    case 'time-to-temperature': {
      const fromMs = check.since === undefined ? 0 : measurements.timeOfMs(check.since);
      if (fromMs === undefined) return { missing: `"${check.since}" never happened` };
      const reachedMs = measurements.firstTimeAtCelsiusMs(check.part, check.temperature);
      if (reachedMs === undefined) return { missing: `${check.part} never reached ${check.temperature} °C` };
      if (reachedMs < fromMs)
        return { missing: `${check.part} was already at ${check.temperature} °C before "${check.since}"` };
      return { value: reachedMs - fromMs, unit: 'ms' };
    }
    case 'crashes': {
      const value = measurements.crashes(check.part);
      return value === undefined ? { missing: `${check.part} cannot crash` } : { value, unit: 'count' };
    }
    case 'request-share':
      return { value: measurements.requestShare(check.parts), unit: 'fraction' };
    case 'plan-duration': {
      const { planStartMs, planEndMs } = measurements;
      if (planStartMs === undefined || planEndMs === undefined) return { missing: 'the plan did not finish' };
      return { value: planEndMs - planStartMs, unit: 'ms' };
    }
  }
}

/** A value as the report shows it: seconds for durations, percentages for fractions. */
function shown(value: number, unit: Unit): number {
  switch (unit) {
    case 'ms':
      return Number((value / SECOND_MS).toFixed(3));
    case 'fraction':
      return Number((value * 100).toFixed(3));
    case 'celsius':
      return Number(value.toFixed(2));
    case 'count':
      return value;
  }
}

const unitSuffix: Record<Unit, string> = { ms: ' s', fraction: ' %', celsius: ' °C', count: '' };
const unitName: Record<Unit, string> = {
  ms: 'seconds',
  fraction: 'percent',
  celsius: '°C',
  count: 'a count',
};

function limitText(check: Check, unit: Unit): string {
  const parts: string[] = [];
  if (check.min !== undefined) parts.push(`≥ ${shown(check.min, unit)}${unitSuffix[unit]}`);
  if (check.max !== undefined) parts.push(`≤ ${shown(check.max, unit)}${unitSuffix[unit]}`);
  return parts.join(' and ');
}

const unitOfCheck: Record<Check['check'], Unit> = {
  'user-downtime': 'ms',
  'failed-requests': 'count',
  'failed-share': 'fraction',
  'timed-out-requests': 'count',
  'admin-downtime': 'ms',
  'db-interruption': 'ms',
  'lost-writes': 'count',
  'split-brain': 'ms',
  latency: 'ms',
  utilisation: 'fraction',
  temperature: 'celsius',
  'time-to-temperature': 'ms',
  crashes: 'count',
  'request-share': 'fraction',
  'plan-duration': 'ms',
};

/**
 * Evaluates each check against the run. Bounds are inclusive. A quantity that could not be
 * measured (the part never got that hot, the plan never finished) fails the check and says why,
 * rather than passing by default.
 */
export function evaluateChecks(checks: readonly Check[], measurements: Measurements): CheckResult[] {
  return checks.map((check) => {
    const unit = unitOfCheck[check.check];
    const limit = limitText(check, unit);
    const measured = measure(check, measurements);
    if ('missing' in measured)
      return { name: check.name, ok: false, actual: 'not measured', limit, detail: measured.missing };
    const ok =
      (check.min === undefined || measured.value >= check.min) &&
      (check.max === undefined || measured.value <= check.max);
    return {
      name: check.name,
      ok,
      actual: shown(measured.value, unit),
      limit,
      detail: `${check.check} in ${unitName[unit]}`,
    };
  });
}
