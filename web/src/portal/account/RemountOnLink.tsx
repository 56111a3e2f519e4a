// A page opened from a mailed link reads its token once, when it mounts. A second link opened in
// the same tab on the same page changes only the fragment (no page load), so the page starts
// afresh (remounts) whenever the fragment brings a new token.
import { Fragment, type ReactNode, useEffect, useState } from "react";
import { tokenOfHash } from "./accountLink";

export function RemountOnLink({ children }: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const onHashChange = () => {
      if (tokenOfHash(window.location.hash)) setGeneration((n) => n + 1);
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return <Fragment key={generation}>{children}</Fragment>;
}
