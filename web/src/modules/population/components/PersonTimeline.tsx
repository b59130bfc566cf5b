import type { ReactNode } from 'react';
import { formatDate, formatPence, pluralise } from '../../../lib/format.ts';
import { problemDetail } from '../../../lib/http.ts';
import { Checkboxes } from '../../../ui/Checkboxes.tsx';
import { ErrorSummary, InsetText, Loading } from '../../../ui/ErrorSummary.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import type { TimelineItem } from '../api/population.types.ts';
import { usePersonTimeline } from '../hooks/use-person-timeline.ts';
import { SETTINGS, settingColour, type Setting } from '../settings.ts';

/**
 * The linked record across every partner, newest first and grouped by year, with a filter by
 * setting. The selection lives in the URL (the page owns it), so a filtered view can be shared.
 * When the API says records may be missing (accessNote), renderAccessNote shows it above the entries
 * (the page adds what can be done about it).
 */
export function PersonTimeline({ personId, selected, onSelectedChange, renderAccessNote }: {
  personId: number;
  selected: readonly Setting[];
  onSelectedChange: (settings: Setting[]) => void;
  renderAccessNote?: (note: string) => ReactNode;
}) {
  const all = selected.length === SETTINGS.length;
  const timeline = usePersonTimeline(personId, all ? undefined : selected);
  const selectedSet = new Set<string>(selected);

  const toggle = (value: string, checked: boolean) => {
    onSelectedChange(SETTINGS.filter((s) => (s === value ? checked : selectedSet.has(s))));
  };

  return (
    <section aria-labelledby="timeline-heading" className="app-timeline">
      <h2 className="nhsuk-heading-l" id="timeline-heading">Timeline</h2>
      {timeline.status === 'ok' && timeline.accessNote !== null && (renderAccessNote?.(timeline.accessNote) ?? <InsetText><p>{timeline.accessNote}</p></InsetText>)}
      <div className="app-timeline__filters" data-testid="timeline-filters">
        <Checkboxes
          legend="Show records from"
          options={SETTINGS.map((s) => ({ value: s, label: s }))}
          selected={selectedSet}
          onChange={toggle}
          small
          inline
        />
        <p className="nhsuk-body-s">
          {!all && <button type="button" className="app-link-button" onClick={() => onSelectedChange([...SETTINGS])}>Show all settings</button>}
          {!all && selected.length > 0 && ' · '}
          {selected.length > 0 && <button type="button" className="app-link-button" onClick={() => onSelectedChange([])}>Clear all</button>}
        </p>
      </div>

      <TimelineBody timeline={timeline} noneSelected={selected.length === 0} filtered={!all} />
    </section>
  );
}

function TimelineBody({ timeline, noneSelected, filtered }: {
  timeline: ReturnType<typeof usePersonTimeline>; noneSelected: boolean; filtered: boolean;
}) {
  if (noneSelected) return <InsetText><p>Select at least one setting to see the timeline.</p></InsetText>;
  if (timeline.status === 'loading') return <Loading what="timeline" />;
  if (timeline.status === 'error') {
    return (
      <>
        <ErrorSummary title="The timeline could not be loaded" messages={[problemDetail(timeline.error)]} />
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={timeline.reload}>Try again</button>
      </>
    );
  }
  const { items, hasMore } = timeline;
  if (items.length === 0) {
    if (timeline.accessNote !== null) return null;
    return <InsetText><p>{filtered ? 'There are no records from the selected settings.' : 'There are no records for this person yet.'}</p></InsetText>;
  }
  const years = groupByYear(items);
  return (
    <>
      <p className="nhsuk-body" role="status" data-testid="timeline-status">
        Showing {pluralise(items.length, 'record')}, newest first{hasMore ? '. Older records are available below.' : '.'}
      </p>
      {years.map(([year, entries]) => (
        <YearTable key={year} year={year} entries={entries} />
      ))}
      {timeline.moreError !== undefined && <ErrorSummary title="Older records could not be loaded" messages={[problemDetail(timeline.moreError)]} />}
      {hasMore && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={timeline.loadMore} disabled={timeline.loadingMore} aria-disabled={timeline.loadingMore}>
          {timeline.loadingMore ? 'Loading older records…' : 'Show older records'}
        </button>
      )}
    </>
  );
}

function groupByYear(items: readonly TimelineItem[]): [string, TimelineItem[]][] {
  const groups = new Map<string, TimelineItem[]>();
  for (const item of items) {
    const year = item.date.slice(0, 4);
    let group = groups.get(year);
    if (!group) groups.set(year, (group = []));
    group.push(item);
  }
  return [...groups.entries()];
}

function YearTable({ year, entries }: { year: string; entries: TimelineItem[] }) {
  const captionId = `timeline-${year}`;
  return (
    <div className="app-timeline__year" role="region" aria-labelledby={captionId} tabIndex={0} data-testid="timeline-year">
      <table className="nhsuk-table app-timeline__table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id={captionId}>
          {year} <span className="nhsuk-body-s app-muted">{pluralise(entries.length, 'record')}</span>
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header app-timeline__date" scope="col">Date</th>
            <th className="nhsuk-table__header app-timeline__setting" scope="col">Setting</th>
            <th className="nhsuk-table__header" scope="col">Record</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric app-timeline__cost" scope="col">Cost</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {entries.map((entry) => <TimelineRow key={`${entry.kind}|${entry.recordKey}`} entry={entry} />)}
        </tbody>
      </table>
    </div>
  );
}

function TimelineRow({ entry }: { entry: TimelineItem }) {
  return (
    <tr className="nhsuk-table__row" data-testid="timeline-entry" data-setting={entry.setting} data-date={entry.date}>
      <td className="nhsuk-table__cell app-nowrap app-timeline__cell-date">{formatDate(entry.date, { short: true })}</td>
      <td className="nhsuk-table__cell app-timeline__cell-setting"><Tag colour={settingColour(entry.setting)}>{entry.setting}</Tag></td>
      <td className="nhsuk-table__cell app-timeline__cell-record">
        <span className="app-timeline__title">{entry.title}</span>
        <span className="app-timeline__kind">{entry.kindLabel}{entry.sourceOrg ? ` from ${entry.sourceOrg}` : ''}</span>
        {entry.details.length > 0 && (
          <ul className="app-timeline__details">
            {entry.details.map((d, i) => <li key={i}>{d}</li>)}
          </ul>
        )}
        {entry.codes.length > 0 && (
          <p className="app-timeline__codes">
            <span className="nhsuk-u-visually-hidden">Codes: </span>
            {entry.codes.map((c, i) => (
              <span className="app-code" key={`${c.system}|${c.code}|${i}`}>
                <span className="app-code__system">{c.system}</span> <code>{c.code}</code>
              </span>
            ))}
          </p>
        )}
      </td>
      {entry.costPence === null
        ? <td className="nhsuk-table__cell nhsuk-table__cell--numeric app-timeline__cell-cost app-timeline__cell-cost--none"><span aria-label="No cost recorded">–</span></td>
        : (
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric app-nowrap app-timeline__cell-cost">
            <span className="app-timeline__cost-label">Cost </span>{formatPence(entry.costPence)}
          </td>
        )}
    </tr>
  );
}
