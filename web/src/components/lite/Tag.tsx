// A tag (a small labelled badge) styled like antd's Tag; colours come from the caller's class.
import type { ReactNode } from "react";

export function Tag({ className, children }: { className?: string; children: ReactNode }) {
  return <span className={className ? `lite-tag ${className}` : "lite-tag"}>{children}</span>;
}
