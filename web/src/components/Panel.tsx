import { type ReactNode, useId } from "react";

interface Props {
  title: ReactNode;
  /** Heading level of the title; pages have one h1, panels start at h2. */
  level?: 2 | 3;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A titled section (a labelled <section> landmark). Used on the public portal instead of antd Card,
 * which pulls Tabs and Dropdown into the first-load bundle.
 */
export function Panel({ title, level = 2, extra, className, children }: Props) {
  const headingId = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={className ? `panel ${className}` : "panel"} aria-labelledby={headingId}>
      <div className="panel__head">
        <Heading id={headingId} className="panel__title">
          {title}
        </Heading>
        {extra && <div className="panel__extra">{extra}</div>}
      </div>
      <div className="panel__body">{children}</div>
    </section>
  );
}
