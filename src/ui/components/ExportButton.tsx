import { perfettoTrace } from '../../scenarios/export/perfetto.ts';
import type { RunResult } from '../worker/protocol.ts';

/** Downloads the run as Chrome Trace Event JSON, the same file `twin export --perfetto` writes. */
export function ExportButton({ result }: { result: RunResult }) {
  const download = () => {
    const trace = perfettoTrace(result.report, result.lines);
    const blob = new Blob([`${JSON.stringify(trace)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${result.report.scenario}-seed${result.report.seed}.perfetto.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <button
      type="button"
      data-testid="export"
      onClick={download}
      title="Open it in ui.perfetto.dev or chrome://tracing"
    >
      Export to Perfetto
    </button>
  );
}
