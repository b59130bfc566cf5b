import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { problemDetail } from '../../../lib/http.ts';
import { Link } from '../../../lib/router.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Textarea } from '../../../ui/FormFields.tsx';
import { Radios } from '../../../ui/Radios.tsx';
import { SummaryList } from '../../../ui/SummaryList.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import { reviewBreakGlass } from '../api/governance.api.ts';
import type { BreakGlass, ReviewDecision } from '../api/governance.types.ts';

/** One break-glass access: who, whose record, why and when; with the review form while it is open. */
export function BreakGlassReviewItem({ item, onReviewed }: { item: BreakGlass; onReviewed: (reviewed: BreakGlass) => void }) {
  const who = item.staffName ? `${item.staffName} (${item.staffId})` : item.staffId;
  return (
    <div className="nhsuk-card" data-testid="break-glass-item" data-id={item.id}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          {who} opened <Link to={`/governance/people/${item.personId}`}>person {item.personId}</Link>
        </h2>
        <SummaryList rows={[
          { key: 'Reason given', value: <span className="app-break" data-testid="break-glass-reason">{item.reason}</span> },
          { key: 'Organisation', value: item.orgCode },
          { key: 'Opened', value: formatDateTime(item.openedAt) },
          {
            key: 'Access', value: item.active
              ? <><Tag colour="orange">Open</Tag> until {formatDateTime(item.expiresAt)}</>
              : <>Ended {formatDateTime(item.expiresAt)}</>,
          },
          ...(item.reviewStatus !== 'open' ? [
            { key: 'Review', value: <><Tag colour={item.reviewStatus === 'appropriate' ? 'green' : 'red'}>{item.reviewStatus === 'appropriate' ? 'Appropriate' : 'Inappropriate'}</Tag> {item.reviewedBy ? `by ${item.reviewedBy}` : ''}{item.reviewedAt ? `, ${formatDateTime(item.reviewedAt, { short: true })}` : ''}</> },
            { key: 'Review note', value: item.reviewNote },
          ] : []),
        ]} />
        {item.reviewStatus === 'open' && <ReviewForm item={item} onReviewed={onReviewed} />}
      </div>
    </div>
  );
}

function ReviewForm({ item, onReviewed }: { item: BreakGlass; onReviewed: (reviewed: BreakGlass) => void }) {
  const base = `review-${item.id}`;
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ decision?: string | undefined; note?: string | undefined }>({});
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = {
      decision: decision ? undefined : 'Select whether the access was appropriate',
      note: decision === 'inappropriate' && !note.trim() ? 'Enter what was wrong and what happens next' : undefined,
    };
    setErrors(found);
    setRefusal(undefined);
    if (found.decision || found.note || !decision) return;
    setBusy(true);
    try {
      onReviewed(await reviewBreakGlass(item.id, decision, note.trim()));
    } catch (error) {
      setRefusal(problemDetail(error));
      setBusy(false);
    }
  };

  const summary = [
    ...(errors.decision ? [{ m: errors.decision, l: `#${base}-decision` }] : []),
    ...(errors.note ? [{ m: errors.note, l: `#${base}-note` }] : []),
    ...(refusal ? [{ m: refusal, l: undefined }] : []),
  ];
  return (
    <form onSubmit={submit} noValidate data-testid="break-glass-review-form" className="app-review-form">
      {summary.length > 0 && <ErrorSummary messages={summary.map((s) => s.m)} links={summary.map((s) => s.l)} />}
      <Radios
        id={`${base}-decision`} legend="Was this access appropriate?" value={decision} onChange={(v) => setDecision(v as ReviewDecision)}
        error={errors.decision} inline small
        options={[{ value: 'appropriate', label: 'Appropriate' }, { value: 'inappropriate', label: 'Inappropriate' }]}
      />
      <Textarea
        id={`${base}-note`} label="Review note" labelSize="s" rows={2}
        hint="Needed when the access was inappropriate: what was wrong, and what happens next."
        value={note} onChange={setNote} error={errors.note}
      />
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" disabled={busy} aria-disabled={busy}>
        {busy ? 'Saving…' : 'Save review'}
      </button>
    </form>
  );
}
