// /admin/ho-so/:id: one dossier — code, state, procedure, due dates; the actions this reader may
// take now (from the server's `commands`), printable forms, the files (uploads, signed electronic
// results), applicant, document checklist, process steps and the history. After a command the page shows the dossier the server returned; when someone
// else changed it first (409 stale) the page says so and reloads.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { dossiers } from "../../api/endpoints";
import type { Dossier, DossierCommand, LocalizedText } from "../../api/types";
import { formatVnd } from "../../components/catalogFormat";
import { StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { EformView } from "../../components/eform/EformView";
import type { DossierEformPart } from "../../components/eform/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { problemText } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "./dossiers.css";
import { CommandModal } from "./CommandModal";
import { FilesSection } from "./DossierFiles";
import {
  ApplicantSection,
  DocumentsSection,
  FormsSection,
  StepsSection,
  TimelineSection,
} from "./DossierSections";

const PRIMARY: ReadonlySet<DossierCommand> = new Set([
  "receive",
  "forward",
  "resubmit",
  "return_from_transfer",
  "approve",
  "issue_result",
  "return_result",
  "resume",
]);
const DANGER: ReadonlySet<DossierCommand> = new Set(["refuse", "reject", "stop", "withdraw"]);

function CardHeading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

function Facts({ dossier }: { dossier: Dossier }) {
  const { lang, t } = useI18n();
  const items = [
    {
      key: "procedure",
      label: t("dossier.procedure"),
      children: (
        <span data-testid="dossier-procedure">
          <span className="procedure-code">{dossier.procedure.code}</span> – {dossier.procedure.name}
        </span>
      ),
    },
    { key: "unit", label: t("dossier.receivingUnit"), children: dossier.unit.name },
    ...((dossier as Dossier & DossierEformPart).assistedBy
      ? [
          {
            key: "assisted",
            label: t("eform.assisted.assistedBy"),
            children: (
              <span data-testid="dossier-assisted-by">
                {(dossier as Dossier & DossierEformPart).assistedBy?.name}
              </span>
            ),
          },
        ]
      : []),
    ...(dossier.handlingUnit.id !== dossier.unit.id
      ? [{ key: "handling", label: t("dossier.handlingUnit"), children: dossier.handlingUnit.name }]
      : []),
    ...(dossier.transferAgency && dossier.state === "transferred"
      ? [{ key: "agency", label: t("dossierDetail.transferAgency"), children: dossier.transferAgency.name }]
      : []),
    {
      key: "channel",
      label: t("dossier.channelLabel"),
      children: `${t(`dossier.channel.${dossier.channel}`)} · ${t(`dossier.serviceMode.${dossier.serviceMode}`)}`,
    },
    {
      key: "delivery",
      label: t("desk.resultDelivery"),
      children: t(`dossier.resultDelivery.${dossier.resultDelivery}`),
    },
    ...(dossier.submittedAt
      ? [
          {
            key: "submitted",
            label: t("dossier.submittedAt"),
            children: formatVnDateTime(dossier.submittedAt),
          },
        ]
      : []),
    {
      key: "received",
      label: t("dossier.receivedAt"),
      children: formatVnDateTime(dossier.receivedAt) || "—",
    },
    {
      key: "due",
      label: t("dossier.dueAt"),
      children: <strong data-testid="dossier-due">{formatVnDateTime(dossier.dueAt) || "—"}</strong>,
    },
    ...(dossier.promisedAt
      ? [
          {
            key: "promised",
            label: t("dossier.promisedAt"),
            children: <strong data-testid="dossier-promised">{formatVnDateTime(dossier.promisedAt)}</strong>,
          },
        ]
      : []),
    ...(dossier.resolvedAt
      ? [{ key: "resolved", label: t("dossier.resolvedAt"), children: formatVnDateTime(dossier.resolvedAt) }]
      : []),
    ...(dossier.returnedAt
      ? [
          {
            key: "returned",
            label: t("dossier.returnedAt"),
            children: `${formatVnDateTime(dossier.returnedAt)}${
              dossier.returnMethod ? ` · ${t(`dossier.returnMethod.${dossier.returnMethod}`)}` : ""
            }`,
          },
        ]
      : []),
    ...(dossier.decision
      ? [
          {
            key: "decision",
            label: t("dossierDetail.decision"),
            children: t(`dossierDetail.decisionValue.${dossier.decision}`),
          },
        ]
      : []),
    ...(dossier.fees.length > 0
      ? [
          {
            key: "fees",
            label: t("procedure.feesHeading"),
            children: dossier.fees
              .map((fee) =>
                fee.amountVnd === null
                  ? fee.name
                  : `${fee.name}: ${fee.amountVnd === 0 ? t("catalog.free") : formatVnd(fee.amountVnd, lang)}`,
              )
              .join("; "),
          },
        ]
      : []),
  ];
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered items={items} data-testid="dossier-facts" />
  );
}

function DossierView({
  dossier,
  onChanged,
  onStale,
}: {
  dossier: Dossier;
  onChanged: (dossier: Dossier) => void;
  onStale: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [command, setCommand] = useState<DossierCommand | null>(null);
  const { eform, formData } = dossier as Dossier & DossierEformPart;
  return (
    <>
      <Card className="section-card" title={<CardHeading>{t("dossierDetail.actions")}</CardHeading>}>
        {dossier.commands.length === 0 ? (
          <p className="text-secondary" data-testid="dossier-no-actions">
            {t("dossierDetail.noActions")}
          </p>
        ) : (
          <Space wrap data-testid="dossier-actions">
            {dossier.commands.map((c) => (
              <Button
                key={c}
                type={PRIMARY.has(c) ? "primary" : "default"}
                danger={DANGER.has(c)}
                onClick={() => setCommand(c)}
                data-testid={`command-${c}`}
              >
                {t(`dossier.command.${c}`)}
              </Button>
            ))}
          </Space>
        )}
        <h3 className="sub-heading">{t("dossierDetail.forms")}</h3>
        <FormsSection dossier={dossier} />
      </Card>
      <Card
        className="section-card"
        title={<CardHeading>{t("dossierFiles.heading")}</CardHeading>}
        data-testid="dossier-files-card"
      >
        <FilesSection dossier={dossier} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card className="section-card" title={<CardHeading>{t("dossier.applicantHeading")}</CardHeading>}>
            <ApplicantSection dossier={dossier} />
          </Card>
          {eform && (
            <Card className="section-card" title={<CardHeading>{t("eform.view.heading")}</CardHeading>}>
              <EformView eform={eform} formData={formData} testId="dossier-eform" />
            </Card>
          )}
          <Card className="section-card" title={<CardHeading>{t("dossier.documentsHeading")}</CardHeading>}>
            <DocumentsSection dossier={dossier} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="section-card" title={<CardHeading>{t("dossierDetail.stepsHeading")}</CardHeading>}>
            <StepsSection dossier={dossier} />
          </Card>
          <Card
            className="section-card"
            title={<CardHeading>{t("dossierDetail.historyHeading")}</CardHeading>}
          >
            <TimelineSection dossier={dossier} />
          </Card>
        </Col>
      </Row>
      {command && (
        <CommandModal
          key={`${command}:${dossier.version}`}
          dossier={dossier}
          command={command}
          onClose={() => setCommand(null)}
          onDone={(result) => {
            setCommand(null);
            onChanged(result);
          }}
          onStale={(error) => {
            setCommand(null);
            onStale(error);
          }}
        />
      )}
    </>
  );
}

export default function DossierPage() {
  const { lang, t } = useI18n();
  const id = useParams().id ?? "";
  const query = useApiQuery(`dossier:${id}`, (signal) => dossiers.get(id, signal));
  const [latest, setLatest] = useState<Dossier | null>(null);
  const [stale, setStale] = useState<unknown>(null);
  const [done, setDone] = useState<LocalizedText | null>(null);
  const dossier = latest?.id === id ? latest : query.data;
  useDocumentTitle(
    dossier ? `${dossier.code ?? t("queue.noCode")} – ${t("dossierDetail.title")}` : t("dossierDetail.title"),
  );

  const back = (
    <p className="procedure-back">
      <Link to="/admin/ho-so">
        <ArrowLeftOutlined aria-hidden /> {t("dossierDetail.back")}
      </Link>
    </p>
  );

  if (!dossier) {
    const missing = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <>
        {back}
        <Typography.Title level={1}>{t("dossierDetail.title")}</Typography.Title>
        {missing ? (
          <Card className="section-card">
            <Empty description={t("dossierDetail.notFound")} data-testid="dossier-not-found" />
          </Card>
        ) : (
          <ProblemAlert error={query.error} onRetry={query.reload} />
        )}
        {query.loading && (
          <div className="page-spin">
            <Spin description={t("app.loading")} />
          </div>
        )}
      </>
    );
  }

  return (
    <article data-testid="dossier-page" data-version={dossier.version}>
      {back}
      <div className="dossier-header">
        <Typography.Title level={1} className="dossier-title">
          <span className="dossier-title__label">{t("dossier.code")}: </span>
          <span className="dossier-code" data-testid="dossier-code">
            {dossier.code ?? t("queue.noCode")}
          </span>
        </Typography.Title>
        <div className="dossier-header__tags">
          <StateTag state={dossier.state} label={dossier.stateLabel} />
          <TimelinessTag timeliness={dossier.timeliness} />
          {dossier.apologyCount > 0 && (
            <span className="text-secondary">{t("dossierDetail.apologised")}</span>
          )}
        </div>
      </div>
      <div aria-live="polite">
        {stale ? (
          <Alert
            type="warning"
            showIcon
            closable={{ "aria-label": t("dossierDetail.close") }}
            onClose={() => setStale(null)}
            className="problem-alert"
            data-testid="dossier-stale"
            title={t("dossierDetail.stale")}
            description={problemText(stale, lang, t)}
          />
        ) : null}
        {done ? (
          <Alert
            type="success"
            showIcon
            closable={{ "aria-label": t("dossierDetail.close") }}
            onClose={() => setDone(null)}
            className="problem-alert"
            data-testid="dossier-done"
            title={t("dossierDetail.done", { state: done[lang] || done.vi })}
          />
        ) : null}
      </div>
      <Spin spinning={query.loading}>
        <Card className="section-card">
          <Facts dossier={dossier} />
        </Card>
        <DossierView
          dossier={dossier}
          onChanged={(result) => {
            setStale(null);
            setLatest(result);
            setDone(result.stateLabel);
          }}
          onStale={(error) => {
            setDone(null);
            setStale(error);
            setLatest(null);
            query.reload();
          }}
        />
      </Spin>
    </article>
  );
}
