// Lazily loaded parts that use antd get antd's providers (theme, locale, App context) with them:
// the providers are not part of the first load, so the portal shell, home and procedure page
// render without antd's runtime. The part's module and the providers load in parallel.
import { type ComponentType, lazy } from "react";

export function lazyWithAntd<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [Part, { AppProviders }] = await Promise.all([load(), import("./AppProviders")]);
    function WithAntd(props: P) {
      return (
        <AppProviders>
          <Part {...props} />
        </AppProviders>
      );
    }
    return { default: WithAntd };
  });
}
