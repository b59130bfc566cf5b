import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * NHS notification banner. success: true for the green banner confirming something the person just
 * did; it takes focus so screen reader users hear it.
 */
export function NotificationBanner({ success = false, title, children, testId }: {
  success?: boolean; title?: string; children: ReactNode; testId?: string;
}) {
  const id = `banner-${useId().replace(/:/g, '')}`;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  return (
    <div
      className={`nhsuk-notification-banner${success ? ' nhsuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'} aria-labelledby={id} ref={ref} tabIndex={-1} data-testid={testId}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={id}>{title ?? (success ? 'Success' : 'Important')}</h2>
      </div>
      <div className="nhsuk-notification-banner__content">{children}</div>
    </div>
  );
}
