import type { Report } from '../../scenarios/report.ts';
import { planCosts } from '../model/planCosts.ts';

/** The plan's steps with what each cost, and what failed while no step ran. */
export function PlanCostsTable({ report }: { report: Report }) {
  if (report.steps.length === 0) return null;
  return (
    <>
      <h3>What each step cost</h3>
      <table className="plan-costs" aria-label="What each step cost">
        <thead>
          <tr>
            <th>step</th>
            <th>from s</th>
            <th>took s</th>
            <th>failed requests</th>
            <th>admin down s</th>
            <th>outcome</th>
          </tr>
        </thead>
        <tbody>
          {planCosts(report).map((row, index) => (
            <tr key={index} data-step-cost={row.name}>
              <td>{row.name}</td>
              <td>{row.startedAt?.toFixed(0) ?? ''}</td>
              <td>{row.startedAt === undefined ? '' : ((row.endedAt ?? 0) - row.startedAt).toFixed(0)}</td>
              <td className={row.failedRequests > 0 ? 'bad' : ''}>
                {row.failedRequests.toLocaleString('en-GB')}
              </td>
              <td className={row.adminDowntimeSeconds > 0 ? 'bad' : ''}>
                {row.adminDowntimeSeconds.toLocaleString('en-GB', { maximumFractionDigits: 0 })}
              </td>
              <td>{row.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
