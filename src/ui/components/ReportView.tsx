import { verdictLine } from '../../scenarios/verdict.ts';
import { wallClock } from '../../scenarios/wallClock.ts';
import type { Report } from '../../scenarios/report.ts';
import { ChecksList } from './ChecksList.tsx';
import { PlanCostsTable } from './PlanCosts.tsx';
import { ServiceTable } from './ServiceTable.tsx';

/** The run's verdict and what users, admins and the data saw: the report as `twin run` prints it. */
export function ReportSummary({ report }: { report: Report }) {
  return (
    <>
      <h2>
        {report.scenario}{' '}
        <span className="verdict" data-verdict={report.ok ? 'pass' : 'fail'}>
          {verdictLine(report)}
        </span>
      </h2>
      <p className="meta" data-testid="run-meta">
        source {report.source} · seed {report.seed} · {(report.durationSeconds / 3600).toFixed(2)} h simulated
        ·{' '}
        {report.startsAt === undefined
          ? ''
          : `from ${wallClock(report.startsAt, 0)} to ${wallClock(report.startsAt, report.durationSeconds)} · `}
        {report.run.events.toLocaleString('en-GB')} events · trace{' '}
        <code data-testid="trace-hash">{report.traceHash}</code>
      </p>
      {report.run.limitMessage === undefined ? null : (
        <p className="error">Limit reached: {report.run.limitMessage}</p>
      )}
      <ServiceTable report={report} />
      <p>
        Admin downtime: {report.admin.downtimeSeconds.toFixed(0)} s · Data:{' '}
        {report.data.acknowledgedWrites.toLocaleString('en-GB')} acknowledged writes,{' '}
        <span className={report.data.lostWrites > 0 ? 'bad' : ''}>{report.data.lostWrites} lost</span>, split
        brain {report.data.splitBrain ? 'YES' : 'no'}
      </p>
      <PlanCostsTable report={report} />
      <h3>Checks</h3>
      <ChecksList report={report} />
    </>
  );
}
