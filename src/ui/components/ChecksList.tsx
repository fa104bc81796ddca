import type { Report } from '../../scenarios/report.ts';

export function ChecksList({ report }: { report: Report }) {
  return (
    <ul className="checks" aria-label="Checks">
      {report.checks.map((check) => (
        <li key={check.name} className={check.ok ? 'ok' : 'bad'} data-ok={check.ok}>
          <strong>{check.ok ? 'PASS' : 'FAIL'}</strong> {check.name}: {String(check.actual)} (limit{' '}
          {String(check.limit)})
          {check.detail === undefined ? null : <span className="detail"> — {check.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
