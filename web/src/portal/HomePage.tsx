import { Suspense, useRef } from "react";
import { Link, useNavigate } from "react-router";
import { units } from "../api/endpoints";
import { PageSpin } from "../components/PageSpin";
import { Panel } from "../components/Panel";
import { ProblemAlert } from "../components/ProblemAlert";
import { useApiQuery } from "../components/useApiQuery";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useNearViewport } from "../components/useNearViewport";
import { lazyWithAntd } from "../components/withAntd";
import { useT } from "../i18n";
import { ProcedureSearchBox } from "./catalog/ProcedureSearchBox";
import { searchPath } from "./catalog/searchParams";
import { LookupForm } from "./dossiers/LookupForm";

// The unit tree (antd Tree with a virtual list) is below the fold: its code (and antd with it) loads
// when a reader scrolls near it, not with the page.
const UnitTree = lazyWithAntd(() => import("../components/UnitTree").then((m) => m.UnitTree));

export function HomePage() {
  const t = useT();
  useDocumentTitle(null);
  const navigate = useNavigate();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const unitsRegion = useRef<HTMLDivElement>(null);
  const showTree = useNearViewport(unitsRegion);

  return (
    <>
      <h1 className="page-title">{t("home.heading")}</h1>
      <p>{t("home.intro")}</p>
      <p>{t("home.introStaff")}</p>

      <Panel title={t("home.searchHeading")} className="home-search">
        <ProcedureSearchBox
          size="large"
          hint={t("home.searchHint")}
          onSearch={(q) => navigate(searchPath(q))}
        />
        <p className="home-search__all">
          <Link to="/thu-tuc">{t("home.browseAll")}</Link>
        </p>
      </Panel>

      <Panel title={t("home.lookupHeading")} className="home-lookup">
        <LookupForm />
      </Panel>

      <Panel
        title={t("home.unitsHeading")}
        extra={unitList.data ? t("units.count", { count: unitList.data.items.length }) : undefined}
      >
        <p className="text-secondary">{t("home.unitsHint")}</p>
        <ProblemAlert error={unitList.error} onRetry={unitList.reload} />
        <div ref={unitsRegion} data-lazy-region={showTree ? "near" : "far"} className="home-units">
          {unitList.loading && !unitList.data ? (
            <PageSpin />
          ) : unitList.data && showTree ? (
            <Suspense fallback={<PageSpin />}>
              <UnitTree units={unitList.data.items} testId="public-unit-tree" />
            </Suspense>
          ) : null}
        </div>
      </Panel>

      <Panel title={t("home.developersHeading")}>
        <p>{t("home.developersText")}</p>
        <p>
          <a href="/docs">{t("home.apiDocsLink")}</a>
        </p>
      </Panel>
    </>
  );
}
