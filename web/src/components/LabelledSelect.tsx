// antd Select whose popup listbox carries an accessible name. rc-select renders role="listbox"
// without a label (axe: aria-input-field-name, serious), and has no prop to set one.
import { Select, type SelectProps } from "antd";
import { type ReactNode, useLayoutEffect, useRef } from "react";

function ListboxLabeller({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const apply = () => {
      for (const listbox of root.querySelectorAll('[role="listbox"]')) {
        if (listbox.getAttribute("aria-label") !== label) listbox.setAttribute("aria-label", label);
      }
    };
    apply();
    // The list is replaced when a search empties it or options change.
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return <div ref={ref}>{children}</div>;
}

export function LabelledSelect<T>({ listLabel, ...props }: SelectProps<T> & { listLabel: string }) {
  return (
    <Select<T>
      {...props}
      popupRender={(menu) => <ListboxLabeller label={listLabel}>{menu}</ListboxLabeller>}
    />
  );
}
