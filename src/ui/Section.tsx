import { useId, type ReactNode } from 'react';

/**
 * A settings card whose body folds away under its heading (a native disclosure: keyboard and screen readers
 * get it for free), so that the long forms leave the loop on one screen.
 */
export function Section({
  title,
  note,
  open = true,
  testId,
  children,
}: {
  title: string;
  /** A short line beside the heading that says what is inside while it is folded. */
  note?: ReactNode;
  open?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card section" aria-labelledby={id} data-testid={testId}>
      <details open={open}>
        <summary>
          <h2 id={id}>{title}</h2>
          {note !== undefined && <span className="section-note">{note}</span>}
        </summary>
        <div className="section-body">{children}</div>
      </details>
    </section>
  );
}
