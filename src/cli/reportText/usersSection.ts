import type { Report } from '../../scenarios/report.ts';
import { formatPercent, formatSeconds } from './format.ts';
import { formatCount, textTable } from './textTable.ts';

/** What users saw, one row per service, with the definitions of the measures under it. */
export function usersSection(report: Report): string[] {
  const rows = Object.entries(report.services).map(([name, service]) => [
    name,
    formatCount(service.requests),
    formatCount(service.answered),
    formatCount(service.failed),
    formatCount(service.timedOut),
    formatCount(service.failed + service.timedOut - service.failedWrites),
    formatCount(service.failedWrites),
    formatSeconds(service.downSeconds),
    formatSeconds(service.erroredSeconds),
    formatPercent(service.availability),
    service.latencyMs.p50.toFixed(0),
    service.latencyMs.p95.toFixed(0),
    service.latencyMs.p99.toFixed(0),
  ]);
  const header = [
    'service',
    'requests',
    'answered',
    'failed',
    'timed out',
    'lost reads',
    'lost writes',
    'down',
    'errored',
    'available',
    'p50 ms',
    'p95 ms',
    'p99 ms',
  ];
  return [
    'Users',
    ...textTable(header, rows),
    `down: a second with no way to serve, or over ${formatPercent(report.slo.errorThresholdShare)} failed or timed out; ` +
      `available: answered within ${formatSeconds(report.slo.latencyObjectiveMs / 1000)}; ` +
      'percentiles over every request (timed out at the timeout)',
    'lost: failed or timed out; www reads are page views (what "failed-requests, requests: reads" counts), static reads are files the CDN serves itself',
    `admin downtime: ${formatSeconds(report.admin.downtimeSeconds)}`,
    '',
  ];
}
