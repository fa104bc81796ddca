import { compareReports } from '../model/compare.ts';
import type { RunResult } from '../worker/protocol.ts';

/** The run before and the run on screen side by side, the figures that differ marked. */
export function Compare({ before, after }: { before: RunResult; after: RunResult }) {
  const figures = compareReports(before.report, after.report);
  const differing = figures.filter((figure) => figure.differs).length;
  return (
    <>
      <p className="meta" data-testid="compare-summary">
        {differing} of {figures.length} figures differ.
      </p>
      <table className="compare" aria-label="Comparison of two runs">
        <thead>
          <tr>
            <th>figure</th>
            <th>before: {before.label}</th>
            <th>after: {after.label}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((figure) => (
            <tr
              key={`${figure.section}|${figure.label}`}
              className={figure.differs ? 'diff' : ''}
              data-differs={figure.differs}
            >
              <td>
                {figure.section} · {figure.label}
              </td>
              <td>{figure.before}</td>
              <td>{figure.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
