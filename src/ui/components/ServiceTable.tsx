import type { Report } from '../../scenarios/report.ts';

export function ServiceTable({ report }: { report: Report }) {
  return (
    <table className="services" aria-label="What users saw">
      <thead>
        <tr>
          <th>service</th>
          <th>requests</th>
          <th>failed</th>
          <th>timed out</th>
          <th>downtime s</th>
          <th>p50 ms</th>
          <th>p95 ms</th>
          <th>p99 ms</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(report.services).map(([name, service]) => (
          <tr key={name} data-service={name}>
            <td>{name}</td>
            <td>{service.requests.toLocaleString('en-GB')}</td>
            <td className={service.failed > 0 ? 'bad' : ''}>{service.failed.toLocaleString('en-GB')}</td>
            <td className={service.timedOut > 0 ? 'bad' : ''}>{service.timedOut.toLocaleString('en-GB')}</td>
            <td className={service.downSeconds > 0 ? 'bad' : ''}>{service.downSeconds.toFixed(0)}</td>
            <td>{service.latencyMs.p50.toFixed(0)}</td>
            <td>{service.latencyMs.p95.toFixed(0)}</td>
            <td>{service.latencyMs.p99.toFixed(0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
