// /giay-to-cua-toi: the signed-in citizen's document store (GET /api/portal/documents) — their own
// uploads and the results and scanned papers of their dossiers, each distinct file once, newest
// first — with the dossier each came from and a download link.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Empty, Pagination, Spin, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { documents } from "../../api/endpoints";
import type { StoreDocument } from "../../api/types";
import { FileIcon, KindTag } from "../../components/DocumentBits";
import { formatBytes, typeLabel } from "../../components/documentFormat";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { SignInPrompt } from "../dossiers/SignInPrompt";
import { citizenOf, usePortalSession } from "../portalSession";
import "../../components/documents.css";
import "./portalDocuments.css";

const PAGE_SIZE = 50;

function DocumentRow({ doc }: { doc: StoreDocument }) {
  const { lang, t } = useI18n();
  return (
    <li className="doc-file my-document" data-testid="my-document" data-id={doc.id} data-kind={doc.kind}>
      <FileIcon contentType={doc.contentType} />
      <div className="doc-file__body">
        <div className="doc-file__head">
          <a
            href={doc.contentUrl}
            target="_blank"
            rel="noopener"
            className="doc-file__name"
            data-testid="my-document-link"
            aria-label={t("documents.openFile", { name: doc.name })}
          >
            {doc.name}
          </a>
          <KindTag kind={doc.kind} />
          {doc.signed && (
            <Tag className="signed-tag" icon={<SafetyCertificateOutlined aria-hidden />}>
              {t("documents.signed")}
            </Tag>
          )}
        </div>
        <p className="doc-file__meta">
          {typeLabel(doc.contentType)} · {formatBytes(doc.size, lang)} · {formatVnDateTime(doc.createdAt)}
        </p>
        <p className="doc-file__meta" data-testid="my-document-dossier">
          {doc.dossierCode ? (
            <>
              {t("myDocuments.fromDossier")}{" "}
              <Link to={`/tra-cuu/${encodeURIComponent(doc.dossierCode)}`} className="dossier-code">
                {doc.dossierCode}
              </Link>
              {doc.procedureName ? ` – ${doc.procedureName}` : ""}
            </>
          ) : doc.procedureName ? (
            t("myDocuments.fromDraft", { procedure: doc.procedureName })
          ) : (
            t("myDocuments.noDossier")
          )}
        </p>
      </div>
    </li>
  );
}

export default function MyDocumentsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("myDocuments.title"));
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const [page, setPage] = useState(1);
  const list = useApiQuery(
    citizen ? `my-documents:${citizen.user.id}:${page}` : null,
    (signal) => documents.store(page, PAGE_SIZE, signal),
    { keepPrevious: true },
  );

  return (
    <>
      <h1 className="page-title">{t("myDocuments.heading")}</h1>
      <p>{t("myDocuments.intro")}</p>
      {session.status === "loading" ? (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      ) : !citizen ? (
        <SignInPrompt staff={session.status === "signedIn"} />
      ) : (
        <Panel
          title={t("myDocuments.listHeading")}
          extra={list.data ? t("myDocuments.total", { total: list.data.total }) : undefined}
        >
          <ProblemAlert error={list.error} onRetry={list.reload} />
          {list.loading && !list.data && (
            <div className="page-spin">
              <Spin description={t("app.loading")} />
            </div>
          )}
          {list.data &&
            (list.data.items.length === 0 ? (
              <Empty description={t("myDocuments.empty")} data-testid="my-documents-empty" />
            ) : (
              <>
                <ul className="doc-files" data-testid="my-documents">
                  {list.data.items.map((doc) => (
                    <DocumentRow key={doc.id} doc={doc} />
                  ))}
                </ul>
                {list.data.total > PAGE_SIZE && (
                  <Pagination
                    className="my-documents-pages"
                    current={page}
                    pageSize={PAGE_SIZE}
                    total={list.data.total}
                    showSizeChanger={false}
                    onChange={setPage}
                  />
                )}
              </>
            ))}
        </Panel>
      )}
      {citizen && (
        <Panel title={t("myDocuments.dataHeading")}>
          <p>{t("myDocuments.dataIntro")}</p>
          <a href="/api/v1/me/data-export" download data-testid="my-data-export">
            {t("myDocuments.dataDownload")}
          </a>
        </Panel>
      )}
    </>
  );
}
