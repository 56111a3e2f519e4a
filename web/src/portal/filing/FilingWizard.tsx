// The online-filing wizard (GOV.UK style, one thing per step): where to file and who files, the
// e-form (prefilled once-only; skipped when the procedure has none), documents, fee and result
// delivery, then check and submit. "Save draft" on every step; the first save creates the draft
// (POST, draft: true) and later saves replace it (PUT with the version last seen). Errors show
// next to their fields and in an error summary at the top whose links lead to them.
import { Button, Form, Space, Spin, Steps } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { dossiers } from "../../api/endpoints";
import type { Me, ProcedureDetail } from "../../api/types";
import { ApplicantFields } from "../../components/ApplicantFields";
import { formatVnDateTime } from "../../components/dossierFormat";
import { EformFields } from "../../components/eform/EformFields";
import { serverErrorsToFields } from "../../components/eform/validation";
import { newIdempotencyKey, useIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors, fieldProblems, toNamePath } from "../../components/problem";
import { useI18n } from "../../i18n";
import { ErrorSummary, fieldDomId, type SummaryItem } from "./ErrorSummary";
import { filing, type PortalDossier, type Prefill } from "./filingApi";
import { StepDelivery } from "./StepDelivery";
import { StepDocuments } from "./StepDocuments";
import { StepReview } from "./StepReview";
import {
  bodyOf,
  initialValues,
  type StepKey,
  stepOfField,
  valuesOfDossier,
  visibleSteps,
  type WizardValues,
} from "./wizardModel";
import "./filing.css";

const FORM_NAME = "online";

/** Focuses a field by its server name (the input inside a select or radio group). */
function focusField(field: string): void {
  const el = document.getElementById(fieldDomId(FORM_NAME, field));
  const target = el?.matches("input, textarea, button")
    ? el
    : el?.querySelector<HTMLElement>("input, textarea");
  target?.focus();
}
const STEP_FIELDS: Record<StepKey, (string | string[])[]> = {
  where: ["unitId", "applicant"],
  form: ["formData"],
  documents: ["documents"],
  delivery: ["channel", "resultDelivery", "postalAddress"],
  review: ["note"],
};

type Problem = { kind: "client"; fields: string[] } | { kind: "server"; error: unknown } | null;

/** "applicant.phone", "formData.x" … for every leaf of antd's changed-values object. */
function changedPaths(changed: object, prefix = ""): string[] {
  return Object.entries(changed).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? changedPaths(value, `${prefix}${key}.`)
      : Array.isArray(value)
        ? value.flatMap((item, i) =>
            item && typeof item === "object" ? changedPaths(item, `${prefix}${key}.${i}.`) : [],
          )
        : [`${prefix}${key}`],
  );
}

interface Props {
  detail: ProcedureDetail;
  me: Me;
  draft: PortalDossier | null;
  onFiled: (dossier: PortalDossier) => void;
}

export function FilingWizard({ detail, me, draft, onFiled }: Props) {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<WizardValues>();
  const p = detail.procedure;
  const [dossier, setDossier] = useState<PortalDossier | null>(draft);
  const [prefill, setPrefill] = useState<{ unitId: string; data: Prefill } | null>(null);
  const [step, setStep] = useState<StepKey>("where");
  const [busy, setBusy] = useState<"next" | "save" | "submit" | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [fixed, setFixed] = useState<Set<string>>(new Set());
  const [shownAt, setShownAt] = useState(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const createKey = useIdempotencyKey();
  const pendingFocus = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formData = Form.useWatch("formData", form) as Record<string, unknown> | undefined;

  const eform = prefill?.data.eform ?? null;
  const steps = visibleSteps(!!eform);
  const index = Math.max(0, steps.indexOf(step));

  /** The form in force at the unit and the once-only values; fills empty fields only. */
  const loadPrefill = useCallback(
    async (unitId: string) => {
      if (prefill?.unitId === unitId) return prefill.data;
      const data = await filing.prefill(p.code, unitId);
      const current = (form.getFieldValue("formData") ?? {}) as Record<string, unknown>;
      const next: Record<string, unknown> = { ...data.values };
      for (const key of data.eform?.ui.order ?? []) {
        const value = current[key];
        if (value !== undefined && value !== null && value !== "") next[key] = value;
      }
      form.setFieldValue("formData", next);
      setPrefill({ unitId, data });
      return data;
    },
    [form, p.code, prefill],
  );

  // A draft reopened: learn whether its unit has a form (its saved values stay as they are).
  const draftUnit = draft?.unit.id;
  useEffect(() => {
    if (draftUnit) loadPrefill(draftUnit).catch((error) => setProblem({ kind: "server", error }));
  }, [draftUnit]);

  const showServer = (error: unknown) => {
    setFixed(new Set());
    setProblem({ kind: "server", error });
    setShownAt(Date.now());
  };

  // Server errors under the fields of the step shown (fields are remounted on each step).
  useEffect(() => {
    if (problem?.kind === "server") {
      const fresh = (field: string) => !fixed.has(field);
      applyFieldErrors(
        form,
        problem.error,
        lang,
        (f) => fresh(f) && !f.startsWith("formData.") && stepOfField(f) === step,
      );
      if (step === "form")
        form.setFields(serverErrorsToFields(problem.error, lang).filter((e) => fresh(e.name.join("."))));
    }
    const field = pendingFocus.current;
    if (field && stepOfField(field) === step) {
      pendingFocus.current = null;
      focusField(field);
    }
  }, [problem, fixed, step, lang, form]);

  const validateStep = useCallback(
    async (quiet = false) => {
      try {
        await form.validateFields(STEP_FIELDS[step], { recursive: true });
        if (!quiet) setProblem(null);
        return true;
      } catch (caught) {
        const fields = ((caught as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? []).map(
          (f) => f.name.join("."),
        );
        setProblem({ kind: "client", fields });
        if (!quiet) setShownAt(Date.now());
        return false;
      }
    },
    [form, step],
  );

  // Browser messages in the new language after a switch.
  useEffect(() => {
    if (problem?.kind === "client") void validateStep(true);
  }, [lang]);

  const goTo = (target: StepKey) => {
    setStep(target);
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  // What the last save sent: submitting an unchanged draft needs no new save (no needless event).
  const lastSaved = useRef<string | null>(null);
  const save = async (onlyIfChanged = false): Promise<PortalDossier> => {
    const values = form.getFieldsValue(true) as WizardValues;
    const body = bodyOf(values, p, eform?.ui ?? null, true);
    const sent = JSON.stringify(body);
    if (onlyIfChanged && dossier && sent === lastSaved.current) return dossier;
    const saved = dossier
      ? await filing.saveDraft(dossier.id, { ...body, expectedVersion: dossier.version }, newIdempotencyKey())
      : await filing.create(body, createKey.current());
    if (!dossier) {
      createKey.reset();
      navigate(`?draft=${saved.id}`, { replace: true });
    }
    lastSaved.current = sent;
    setDossier(saved);
    setSavedAt(new Date().toISOString());
    return saved;
  };

  const run = async (kind: "next" | "save" | "submit", action: () => Promise<void>) => {
    setBusy(kind);
    try {
      await action();
    } catch (error) {
      showServer(error);
    } finally {
      setBusy(null);
    }
  };

  const next = async () => {
    if (!(await validateStep())) return;
    let target: StepKey | null = null;
    await run("next", async () => {
      const data =
        step === "where" ? await loadPrefill(form.getFieldValue("unitId") as string) : prefill?.data;
      const order = visibleSteps(!!data?.eform);
      const following = order[order.indexOf(step) + 1] ?? "review";
      // Files attach to a saved dossier: save the draft before the documents step.
      if (following === "documents" && !dossier) await save();
      target = following;
    });
    // After the busy state has ended, so the button's spinner is gone before the step changes.
    if (target) goTo(target);
  };

  const saveDraft = () =>
    run("save", async () => {
      setProblem(null);
      await save();
    });

  const submit = async () => {
    if (!(await validateStep())) return;
    await run("submit", async () => {
      setProblem(null);
      const values = form.getFieldsValue(true) as WizardValues;
      let filed: PortalDossier;
      if (dossier) {
        const saved = await save(true);
        const command = { command: "submit" as const, expectedVersion: saved.version };
        filed = { ...saved, ...(await dossiers.command(saved.id, command, newIdempotencyKey())) };
      } else {
        filed = await filing.create(bodyOf(values, p, eform?.ui ?? null, false), createKey.current());
        createKey.reset();
      }
      onFiled(filed);
    });
  };

  const follow = (field: string) => {
    const target = stepOfField(field);
    if (target !== step && steps.includes(target)) {
      pendingFocus.current = field;
      setStep(target);
    } else focusField(field);
  };

  const known = (field: string) => field !== "" && (stepOfField(field) !== "review" || field === "note");
  const items: SummaryItem[] =
    problem?.kind === "client"
      ? problem.fields.flatMap((field) => {
          const message = form.getFieldError(toNamePath(field))[0];
          return message ? [{ field, message }] : [];
        })
      : problem?.kind === "server"
        ? fieldProblems(problem.error)
            .filter((e) => !fixed.has(e.field))
            .map((e) => ({ field: known(e.field) ? e.field : "", message: e.message[lang] || e.message.vi }))
        : [];
  const serverWithoutFields = problem?.kind === "server" && fieldProblems(problem.error).length === 0;
  const prefilledFrom = Object.fromEntries(
    Object.entries(prefill?.data.sources ?? {}).filter(
      ([key]) => formData?.[key] === prefill?.data.values[key],
    ),
  );

  return (
    <Form<WizardValues>
      form={form}
      name={FORM_NAME}
      layout="vertical"
      initialValues={draft ? valuesOfDossier(draft, p) : initialValues(p, detail.units, me.user)}
      onValuesChange={(changed) => {
        if (problem?.kind === "server") setFixed((prev) => new Set([...prev, ...changedPaths(changed)]));
      }}
      onFinish={step === "review" ? submit : next}
      onFinishFailed={({ errorFields }) => {
        setProblem({ kind: "client", fields: errorFields.map((f) => f.name.join(".")) });
        setShownAt(Date.now());
      }}
      data-testid="online-form"
      data-step={step}
    >
      <div aria-live="polite">
        {serverWithoutFields ? (
          <div data-testid="online-problem">
            <ProblemAlert error={problem.error} />
          </div>
        ) : (
          <ErrorSummary items={items} formName={FORM_NAME} onFollow={follow} shownAt={shownAt} />
        )}
      </div>
      <Steps
        className="filing-steps"
        size="small"
        current={index}
        items={steps.map((key) => ({ title: t(`filing.steps.${key}`) }))}
        aria-label={t("filing.stepsLabel")}
      />
      <h2 className="filing-step-title" tabIndex={-1} ref={headingRef} data-testid="filing-step-title">
        {t("filing.stepOf", { n: index + 1, total: steps.length, title: t(`filing.steps.${step}`) })}
      </h2>
      <p className="filing-step-intro">{t(`filing.intro.${step}`)}</p>

      {step === "where" && (
        <>
          <Form.Item
            name="unitId"
            label={t("fileOnline.unit")}
            extra={t("fileOnline.unitHint")}
            rules={[{ required: true, message: t("fileOnline.unitRequired") }]}
          >
            <LabelledSelect<string>
              listLabel={t("fileOnline.unit")}
              data-testid="online-unit"
              placeholder={t("fileOnline.unitPlaceholder")}
              options={detail.units.map((unit) => ({ value: unit.id, label: unit.name }))}
              showSearch={{ optionFilterProp: "label" }}
            />
          </Form.Item>
          <ApplicantFields testId="online" />
        </>
      )}
      {step === "form" && eform && (
        <section aria-label={eform.title} data-testid="filing-eform">
          <h3 className="filing-section__title">{eform.title}</h3>
          <EformFields schema={eform.schema} ui={eform.ui} prefilledFrom={prefilledFrom} />
        </section>
      )}
      {step === "documents" &&
        (dossier ? (
          <StepDocuments procedure={p} dossierId={dossier.id} />
        ) : (
          <Spin description={t("filing.savingForUploads")} />
        ))}
      {step === "delivery" && <StepDelivery procedure={p} />}
      {step === "review" && <StepReview detail={detail} eform={eform} onChange={goTo} />}

      <div className="filing-actions">
        <Space wrap>
          {index > 0 && (
            <Button onClick={() => goTo(steps[index - 1]!)} disabled={!!busy} data-testid="filing-back">
              {t("filing.back")}
            </Button>
          )}
          <Button
            onClick={saveDraft}
            loading={busy === "save"}
            disabled={!!busy && busy !== "save"}
            data-testid="filing-save"
          >
            {t("filing.saveDraft")}
          </Button>
          {step === "review" ? (
            <Button
              key="submit"
              type="primary"
              size="large"
              htmlType="submit"
              loading={busy === "submit"}
              data-testid="online-submit"
            >
              {t("fileOnline.submit")}
            </Button>
          ) : (
            // No spinner here: antd's loading icon can stay stuck mid-animation when the step changes
            // as it stops; the button is disabled while the step is checked and saved.
            <Button
              key="next"
              type="primary"
              htmlType="submit"
              disabled={!!busy}
              aria-busy={busy === "next"}
              data-testid="filing-next"
            >
              {t("filing.next")}
            </Button>
          )}
        </Space>
        <p role="status" className="filing-saved" data-testid="filing-saved">
          {savedAt ? t("filing.savedAt", { at: formatVnDateTime(savedAt) }) : ""}
        </p>
      </div>
    </Form>
  );
}
