import { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a phone instead of widening the page: a named region that
 * takes the focus, so a keyboard can scroll it too. The caption names the table (the region's
 * name unless told otherwise); `captionHidden` keeps it for screen readers alone, where a
 * heading beside the table already says it.
 */
export function TableRegion({
  label,
  caption = label,
  captionHidden = false,
  className = 'table numbers',
  children,
}: {
  label: string;
  caption?: ReactNode;
  captionHidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className={className}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
