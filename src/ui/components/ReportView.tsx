import { verdictLine } from '../../scenarios/verdict.ts';
import { wallClock } from '../../scenarios/wallClock.ts';
import type { Report } from '../../scenarios/report.ts';
import { layoutPartStates, layoutSteps } from '../draw/timeline.ts';
import { ChecksList } from './ChecksList.tsx';
import { ServiceTable } from './ServiceTable.tsx';
import { Timeline } from './Timeline.tsx';

const TIMELINE_WIDTH_PX = 760;
/** States in which a part is doing its job; any other state is drawn as trouble. */
const HEALTHY_STATES = new Set(['up', 'running', 'online', 'primary', 'replicating', 'serving', 'isolated']);

export function ReportView({ report }: { report: Report }) {
  return (
    <>
      <section>
        <h2>
          {report.scenario}{' '}
          <span className="verdict" data-verdict={report.ok ? 'pass' : 'fail'}>
            {verdictLine(report)}
          </span>
        </h2>
        <p className="meta" data-testid="run-meta">
          source {report.source} · seed {report.seed} · {(report.durationSeconds / 3600).toFixed(2)} h
          simulated ·{' '}
          {report.startsAt === undefined
            ? ''
            : `from ${wallClock(report.startsAt, 0)} to ${wallClock(report.startsAt, report.durationSeconds)} · `}
          {report.run.events.toLocaleString('en-GB')} events · trace{' '}
          <code data-testid="trace-hash">{report.traceHash}</code>
        </p>
        {report.run.limitMessage === undefined ? null : (
          <p className="error">Limit reached: {report.run.limitMessage}</p>
        )}
      </section>
      <section>
        <h2>What users saw</h2>
        <ServiceTable report={report} />
        <p>Admin downtime: {report.admin.downtimeSeconds.toFixed(0)} s</p>
        <p>
          Data: {report.data.acknowledgedWrites.toLocaleString('en-GB')} acknowledged writes,{' '}
          <span className={report.data.lostWrites > 0 ? 'bad' : ''}>{report.data.lostWrites} lost</span>,
          split brain {report.data.splitBrain ? 'YES' : 'no'}
        </p>
      </section>
      {report.steps.length === 0 ? null : (
        <section>
          <h2>The plan</h2>
          <Timeline
            layout={layoutSteps(report, TIMELINE_WIDTH_PX)}
            widthPx={TIMELINE_WIDTH_PX}
            label="Plan steps over the run"
          />
        </section>
      )}
      <section>
        <h2>Checks</h2>
        <ChecksList report={report} />
      </section>
      <section>
        <h2>Parts over time</h2>
        <p className="meta">
          Grey: doing its job. Pale: stopped or off. Red: anything else (booting, moving, rebooting, seeding,
          down). Hover a band for its state and when it began.
        </p>
        <Timeline
          layout={layoutPartStates(report, TIMELINE_WIDTH_PX, HEALTHY_STATES)}
          widthPx={TIMELINE_WIDTH_PX}
          label="Part states over the run"
        />
      </section>
    </>
  );
}
