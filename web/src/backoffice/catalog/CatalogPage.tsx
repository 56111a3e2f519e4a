// /admin/catalog: the catalog report, and for users who may publish, the decision form.
import { Card, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { useSession } from "../session";
import { CatalogReport } from "./CatalogReport";
import { PublishDecisionForm } from "./PublishDecisionForm";

export default function CatalogPage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t("catalogAdmin.heading"));
  const [published, setPublished] = useState(0);

  return (
    <>
      <Typography.Title level={1}>{t("catalogAdmin.heading")}</Typography.Title>
      <p>
        {t("catalogAdmin.intro")} <Link to="/thu-tuc">{t("catalogAdmin.publicLink")}</Link>
      </p>
      <Card
        className="section-card"
        data-testid="catalog-report"
        title={<h2 className="card-heading">{t("catalogReport.heading")}</h2>}
      >
        <CatalogReport refreshKey={published} />
      </Card>
      {me.abilities.canPublishCatalog && (
        <Card
          className="section-card"
          data-testid="catalog-publish"
          title={<h2 className="card-heading">{t("publish.heading")}</h2>}
        >
          <PublishDecisionForm onPublished={() => setPublished((n) => n + 1)} />
        </Card>
      )}
    </>
  );
}
