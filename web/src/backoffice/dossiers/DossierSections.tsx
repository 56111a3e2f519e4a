// Parts of the dossier page: the applicant, the document checklist, the process steps (current
// one highlighted), the history as a timeline (the control sheet's lines), and printable forms.
import { CheckCircleOutlined, CloseCircleOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Alert, Descriptions, Steps, Timeline } from "antd";
import { dossiers } from "../../api/endpoints";
import {
  type Dossier,
  type DossierState,
  STEP_ROLES as STEP_ROLE_NAMES,
  type StepRole,
} from "../../api/types";
import { TimelinessTag } from "../../components/DossierTags";
import { formatVnDate, formatVnDateTime, formNumber } from "../../components/dossierFormat";
import { useI18n } from "../../i18n";

export function ApplicantSection({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const a = dossier.applicant;
  const items = [
    {
      key: "name",
      label: t("dossier.applicantName"),
      children: <span data-testid="applicant-name">{a.name}</span>,
    },
    { key: "kind", label: t("dossier.applicantKind"), children: t(`dossier.kind.${a.kind}`) },
    { key: "id", label: t("dossier.idNumber"), children: a.idNumber ?? "—" },
    {
      key: "birth",
      label: t("dossier.birthDate"),
      children: a.birthDate ? formatVnDate(`${a.birthDate}T12:00:00Z`) : "—",
    },
    { key: "phone", label: t("dossier.phone"), children: a.phone ?? "—" },
    { key: "email", label: t("dossier.email"), children: a.email ?? "—" },
    { key: "address", label: t("dossier.address"), children: a.address ?? "—" },
  ];
  return (
    <>
      {dossier.masked && (
        <Alert
          type="info"
          showIcon
          className="problem-alert"
          data-testid="applicant-masked"
          title={t("dossierDetail.masked")}
        />
      )}
      <Descriptions column={1} size="small" bordered items={items} data-testid="applicant" />
    </>
  );
}

export function DocumentsSection({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  if (dossier.documents.length === 0) return <p>{t("procedure.noDocuments")}</p>;
  return (
    <>
      <ul className="doc-checklist" data-testid="dossier-documents">
        {dossier.documents.map((doc, index) => (
          <li key={`${index}-${doc.name}`} className={doc.provided ? undefined : "doc-checklist--missing"}>
            {doc.provided ? (
              <CheckCircleOutlined aria-hidden className="doc-icon doc-icon--ok" />
            ) : (
              <CloseCircleOutlined aria-hidden className="doc-icon doc-icon--missing" />
            )}
            <span className="doc-checklist__name">
              {doc.name}
              <br />
              <span className="doc-checklist__meta">
                {t(`catalog.documentForm.${doc.form}`)} · {t("dossierDetail.copies", { count: doc.count })} ·{" "}
                {doc.provided ? t("dossierDetail.provided") : t("dossierDetail.missing")}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <p className="text-secondary">{t("dossierDetail.sets", { count: dossier.sets })}</p>
    </>
  );
}

const FINISHED: readonly DossierState[] = ["result_ready", "returned"];
const ACTIVE: readonly DossierState[] = ["processing", "transferred", "supplement_requested", "suspended"];

const STEP_ROLES: readonly string[] = STEP_ROLE_NAMES;

export function StepsSection({ dossier }: { dossier: Dossier }) {
  const { lang, t } = useI18n();
  const roleLabel = (role: string) => (STEP_ROLES.includes(role) ? t(`roles.${role as StepRole}`) : role);
  const current = dossier.stepIndex;
  const finished = FINISHED.includes(dossier.state);
  const active = ACTIVE.includes(dossier.state);
  const items = dossier.steps.map((step, index) => {
    const isCurrent = active && index === current;
    const status =
      finished || (current !== null && index < current) ? "finish" : isCurrent ? "process" : "wait";
    return {
      key: index,
      title: step.name,
      status: status as "finish" | "process" | "wait",
      className: isCurrent ? "dossier-step--current" : undefined,
      content: (
        <span data-testid={isCurrent ? "step-current" : undefined}>
          {t("dossierDetail.stepHours", {
            hours: new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", {
              maximumFractionDigits: 2,
            }).format(step.hours),
          })}
          {step.role ? ` · ${roleLabel(step.role)}` : ""}
          {isCurrent && (
            <>
              <br />
              <strong>{t("dossierDetail.currentStep")}</strong>
              {dossier.stepDueAt &&
                ` · ${t("dossierDetail.stepDue", { at: formatVnDateTime(dossier.stepDueAt) })}`}
            </>
          )}
        </span>
      ),
    };
  });
  return (
    <div data-testid="dossier-steps">
      <Steps orientation="vertical" size="small" current={current ?? -1} items={items} />
    </div>
  );
}

export function TimelineSection({ dossier }: { dossier: Dossier }) {
  const { lang, t } = useI18n();
  const items = dossier.events.map((event) => ({
    key: event.seq,
    color: event.stepResult === "late" ? "red" : event.stepResult ? "green" : "blue",
    title: <span className="nowrap">{formatVnDateTime(event.at)}</span>,
    content: (
      <div className="event" data-testid="dossier-event" data-command={event.command}>
        <strong>{event.commandLabel[lang] || event.commandLabel.vi}</strong>{" "}
        <span className="text-secondary">· {event.actor}</span>{" "}
        {event.stepResult && <TimelinessTag timeliness={event.stepResult} />}
        {event.stepName && (
          <div className="text-secondary">{t("dossierDetail.eventStep", { step: event.stepName })}</div>
        )}
        {event.note && <div className="event__note">{event.note}</div>}
      </div>
    ),
  }));
  return (
    <div data-testid="dossier-timeline">
      <Timeline items={items} />
    </div>
  );
}

export function FormsSection({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  if (dossier.forms.length === 0) return <p className="text-secondary">{t("dossierDetail.noForms")}</p>;
  return (
    <ul className="form-links" data-testid="dossier-forms">
      {dossier.forms.map((form) => (
        <li key={form}>
          <a
            href={dossiers.formUrl(dossier.id, form)}
            target="_blank"
            rel="noopener"
            data-testid={`dossier-form-${form}`}
          >
            <FilePdfOutlined aria-hidden />{" "}
            {t(`dossier.form.${form}`, { number: formNumber(dossier.ruleSet, form) })}
          </a>
        </li>
      ))}
    </ul>
  );
}
