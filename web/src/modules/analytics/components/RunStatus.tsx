import { formatCount, formatDate, formatDateTime } from '../../../lib/format.ts';
import { SummaryList } from '../../../ui/SummaryList.tsx';
import { WarningCallout } from '../../../ui/WarningCallout.tsx';
import type { RunView } from '../api/analytics.types.ts';

/**
 * Which stratification run the figures come from (as-of date, when it finished, what it read), or
 * a clear message when the place has not been stratified yet.
 */
export function RunStatus({ run }: { run: RunView | null }) {
  if (!run) {
    return (
      <WarningCallout heading="No stratification has been run yet" testId="no-run">
        <p className="nhsuk-card__description">
          Risk scores, segments and case finding appear once the place has been stratified. Ask your local operator
          to run <code>seamless stratify</code>, then come back to this page.
        </p>
      </WarningCallout>
    );
  }
  const finished = run.finishedAt !== null;
  return (
    <div className="app-run" data-testid="run-status">
      <p className="nhsuk-body">
        Figures as of <strong>{formatDate(run.asOf)}</strong>, from stratification run {run.id}
        {finished ? <> finished {formatDateTime(run.finishedAt!)}</> : <> (still running)</>}: {formatCount(run.persons)} people and {formatCount(run.events)} records of activity.
      </p>
      {Object.keys(run.versions).length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Definitions and model versions used</span>
          </summary>
          <div className="nhsuk-details__text">
            <SummaryList noBorder rows={Object.entries(run.versions).map(([key, value]) => ({ key: versionLabel(key), value: <code>{value}</code> }))} />
          </div>
        </details>
      )}
    </div>
  );
}

const VERSION_LABELS: Record<string, string> = {
  hfrs: 'Hospital Frailty Risk Score', efi: 'Electronic Frailty Index', charlson: 'Charlson index', charlson_quan: 'Charlson index (Quan 2011 weights)',
  lace: 'LACE index', emergency_admission_risk: 'Emergency admission model', model: 'Emergency admission model', segmentation: 'Segmentation rules',
  triggers: 'Case-finding rules', triggerRules: 'Case-finding rules', longTermConditions: 'Long-term conditions', falls: 'Falls', endOfLife: 'End of life',
};

function versionLabel(key: string): string {
  return VERSION_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
