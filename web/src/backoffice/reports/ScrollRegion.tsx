// A wrapper for antd tables that scroll sideways: their scrolling box gets tabindex="0" and the
// wrapper's label, so keyboard users can scroll it (axe: scrollable-region-focusable).
import { type ReactNode, useEffect, useRef } from "react";

export function ScrollRegion({
  label,
  testId,
  className,
  children,
}: {
  label: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>(".ant-table-content, .ant-table-body")) {
        if (el.tabIndex === 0) continue;
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", label);
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return (
    <div ref={ref} data-testid={testId} className={className}>
      {children}
    </div>
  );
}
