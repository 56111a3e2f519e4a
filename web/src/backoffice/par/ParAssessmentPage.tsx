// /admin/cai-cach-hanh-chinh/danh-gia/:id: one unit's PAR assessment. The criteria tree with each
// criterion's maximum; while a draft, the unit's administrator or leader enters its own points
// (checked next to the field as typed, with the rules the server applies), fills the automatic
// criteria from motcua's figures (the figure used is shown), attaches evidence files, and submits
// after a confirmation. Once submitted, the higher level sees the unit's points side by side with
// its own, may start from them, saves and finishes the appraisal. Running totals throughout.
import { DeleteOutlined, PaperClipOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { App, Button, Card, Descriptions, Empty, Input, InputNumber, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { checkPoints, totals } from "../../../../src/modules/par/par.logic.ts";
import { formatVnDate, formatVnDateTime } from "../../components/dossierFormat";
import { FileUpload } from "../../components/FileUpload";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldProblems } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n, useT } from "../../i18n";
import "../planning.css";
import "./par.css";
import {
  type Assessment,
  type AssessmentCriterion,
  type AutoFigure,
  type Evidence,
  par,
  type ScoreInput,
} from "./parApi";
import { parPaths, StatusTag, titleOf, usePoints } from "./parShared";

type Side = "self" | "appraisal";
type Entry = { points: number | null; note: string };
type Draft = Record<string, Entry>;
type Message = { vi: string; en: string };
type State = { a: Assessment; side: Side | null; draft: Draft; saved: Draft };

const sideOf = (a: Assessment): Side | null =>
  a.abilities.canEdit ? "self" : a.abilities.canAppraise ? "appraisal" : null;

function entriesOf(a: Assessment, side: Side | null): Draft {
  const draft: Draft = {};
  for (const c of a.criteria) {
    if (!c.leaf) continue;
    const s = side === "appraisal" ? c.appraisal : c.self;
    draft[c.code] = { points: s.points, note: s.note ?? "" };
  }
  return draft;
}

const stateOf = (a: Assessment): State => {
  const side = sideOf(a);
  const draft = entriesOf(a, side);
  return { a, side, draft, saved: draft };
};

const same = (x: Entry | undefined, y: Entry | undefined) => x?.points === y?.points && x?.note === y?.note;

function FigureText({ figure }: { figure: AutoFigure }) {
  const t = useT();
  const { lang } = useI18n();
  const points = usePoints();
  const pct =
    figure.ratio === null
      ? "—"
      : (figure.ratio * 100).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", {
          maximumFractionDigits: 1,
        });
  return (
    <div className="par-figure text-secondary">
      {t(`par.figure.${figure.source}`, { n: figure.numerator, d: figure.denominator, pct })}{" "}
      {t("par.figure.period", {
        from: formatVnDate(`${figure.from}T12:00:00+07:00`),
        to: formatVnDate(`${figure.to}T12:00:00+07:00`),
        points: points(figure.points),
      })}
    </div>
  );
}

function PointsInput({
  code,
  max,
  value,
  error,
  label,
  onChange,
  testId,
}: {
  code: string;
  max: number;
  value: number | null;
  error: string | null;
  label: string;
  onChange: (v: number | null) => void;
  testId: string;
}) {
  const { lang } = useI18n();
  const errorId = `par-error-${testId}`;
  return (
    <div className="par-points">
      <InputNumber
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        status={error ? "error" : undefined}
        value={value}
        min={0}
        step={1}
        decimalSeparator={lang === "vi" ? "," : "."}
        onChange={(v) => onChange(typeof v === "number" ? v : null)}
        data-testid={testId}
        data-code={code}
        data-max={max}
      />
      {error && (
        <div id={errorId} className="par-field-error" data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

function EvidenceList({
  items,
  canEdit,
  onDelete,
}: {
  items: Evidence[];
  canEdit: boolean;
  onDelete: (e: Evidence) => void;
}) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <ul className="par-evidence">
      {items.map((e) => (
        <li key={e.id}>
          <a href={e.contentUrl} download={e.name} data-testid="par-evidence-link">
            <PaperClipOutlined aria-hidden /> {e.name}
          </a>
          {canEdit && (
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t("par.assessment.deleteEvidence", { name: e.name })}
              onClick={() => onDelete(e)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

export default function ParAssessmentPage() {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const points = usePoints();
  const { id = "" } = useParams();
  const query = useApiQuery(`par-assessment:${id}`, (signal) => par.assessment(id, signal));
  const [state, setState] = useState<State | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, Message>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    if (query.data) {
      setState(stateOf(query.data));
      setServerErrors({});
    }
  }, [query.data]);
  const a = state?.a;
  useDocumentTitle(
    a ? t("par.assessment.title", { unit: a.unit.name, year: a.year }) : t("par.assessment.heading"),
  );

  const side = state?.side ?? null;
  const draft = state?.draft ?? {};
  const criteria = a?.criteria ?? [];
  const byCode = useMemo(() => new Map(criteria.map((c) => [c.code, c])), [criteria]);
  const clientErrors = useMemo(() => {
    const out: Record<string, Message> = {};
    for (const [code, e] of Object.entries(draft)) {
      const c = byCode.get(code);
      if (!c || e.points === null) continue;
      const problem = checkPoints(e.points, c.maxPoints);
      if (problem) out[code] = problem.message;
    }
    return out;
  }, [draft, byCode]);
  const errorOf = (code: string) => {
    const m = clientErrors[code] ?? serverErrors[code];
    return m ? m[lang] || m.vi : null;
  };
  const running = useMemo(
    () => totals(criteria, new Map(Object.entries(draft).map(([code, e]) => [code, e.points]))),
    [criteria, draft],
  );
  const dirty = state
    ? Object.keys(state.draft).filter((code) => !same(state.draft[code], state.saved[code]))
    : [];

  const setEntry = (code: string, change: Partial<Entry>) => {
    setState((s) => (s ? { ...s, draft: { ...s.draft, [code]: { ...s.draft[code]!, ...change } } } : s));
    setServerErrors(({ [code]: _, ...rest }) => rest);
  };

  /** Saves the changed criteria; true when saved (or nothing to save). */
  const save = async (): Promise<boolean> => {
    if (!state || !side) return false;
    if (Object.keys(clientErrors).length > 0) {
      message.error(t("par.assessment.fixErrors"));
      return false;
    }
    if (dirty.length === 0) return true;
    const scores: ScoreInput[] = dirty.map((code) => ({
      code,
      points: state.draft[code]!.points,
      note: state.draft[code]!.note.trim() || null,
    }));
    setBusy("save");
    setError(null);
    try {
      const next = await (side === "self" ? par.saveSelf(id, scores) : par.saveAppraisal(id, scores));
      setState(stateOf(next));
      setServerErrors({});
      message.success(t("par.assessment.saved"));
      return true;
    } catch (e) {
      const byField: Record<string, Message> = {};
      for (const p of fieldProblems(e)) {
        const m = /^scores\.(\d+)\./.exec(p.field);
        const code = m ? scores[Number(m[1])]?.code : undefined;
        if (code) byField[code] = p.message;
      }
      setServerErrors(byField);
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const finish = () => {
    if (!side) return;
    modal.confirm({
      title: t(side === "self" ? "par.assessment.submitConfirm" : "par.assessment.finishConfirm"),
      content: t(side === "self" ? "par.assessment.submitWarning" : "par.assessment.finishWarning", {
        total: points(running.total),
      }),
      okText: t(side === "self" ? "par.assessment.submit" : "par.assessment.finish"),
      cancelText: t("par.assessment.cancel"),
      onOk: async () => {
        if (!(await save())) return;
        setBusy("finish");
        setError(null);
        try {
          const next = await (side === "self" ? par.submit(id) : par.appraise(id));
          setState(stateOf(next));
          message.success(t(side === "self" ? "par.assessment.submitted" : "par.assessment.finished"));
        } catch (e) {
          setError(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const autoFill = async (c: AssessmentCriterion) => {
    setBusy(`auto:${c.code}`);
    setError(null);
    try {
      const next = await par.autoFill(id, c.code);
      const filled = next.criteria.find((x) => x.code === c.code)!;
      setState((s) => {
        if (!s) return s;
        const entry = { points: filled.self.points, note: s.draft[c.code]?.note ?? "" };
        const savedEntry = { points: filled.self.points, note: filled.self.note ?? "" };
        return {
          ...s,
          a: next,
          draft: { ...s.draft, [c.code]: entry },
          saved: { ...s.saved, [c.code]: savedEntry },
        };
      });
      setServerErrors(({ [c.code]: _, ...rest }) => rest);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const updateEvidence = (code: string, change: (list: Evidence[]) => Evidence[]) =>
    setState((s) =>
      s
        ? {
            ...s,
            a: {
              ...s.a,
              criteria: s.a.criteria.map((c) =>
                c.code === code ? { ...c, evidence: change(c.evidence) } : c,
              ),
            },
          }
        : s,
    );

  const deleteEvidence = async (e: Evidence) => {
    setError(null);
    try {
      await par.deleteEvidence(e.id);
      updateEvidence(e.criterionCode, (list) => list.filter((x) => x.id !== e.id));
    } catch (err) {
      setError(err);
    }
  };

  const copySelf = () =>
    setState((s) => {
      if (!s) return s;
      const draft = { ...s.draft };
      for (const c of s.a.criteria)
        if (c.leaf && draft[c.code]?.points === null)
          draft[c.code] = { ...draft[c.code]!, points: c.self.points };
      return { ...s, draft };
    });

  const showAppraisal = a ? a.status !== "draft" : false;
  const sumOf = (c: AssessmentCriterion, which: Side) =>
    which === side
      ? (running.byCode.get(c.code)?.points ?? 0)
      : which === "self"
        ? c.selfSum
        : c.appraisedSum;

  return (
    <>
      <Typography.Title level={1}>
        {a ? t("par.assessment.title", { unit: a.unit.name, year: a.year }) : t("par.assessment.heading")}
      </Typography.Title>
      <p>
        <Link to={a ? `${parPaths.home}?set=${a.setId}` : parPaths.home}>{t("par.assessment.back")}</Link>
        {a && (
          <>
            {" · "}
            <Link to={parPaths.ranking(a.setId, a.unit.code)} data-testid="par-to-ranking">
              {t("par.assessment.toRanking")}
            </Link>
          </>
        )}
      </p>
      <ProblemAlert error={query.error} onRetry={query.reload} />
      {a && state && (
        <div aria-busy={query.loading || busy !== null}>
          <Card className="section-card" data-testid="par-assessment-summary">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: "set", label: t("par.assessment.set"), children: a.set.title },
                {
                  key: "status",
                  label: t("par.assessment.status"),
                  children: <StatusTag status={a.status} testId="par-assessment-status" />,
                },
                {
                  key: "self",
                  label: t("par.assessment.selfTotal"),
                  children: (
                    <span aria-live="polite" data-testid="par-self-total">
                      {t("par.assessment.outOf", {
                        points: points(side === "self" ? running.total : a.totals.self.total),
                      })}
                    </span>
                  ),
                },
                ...(showAppraisal
                  ? [
                      {
                        key: "appraised",
                        label: t("par.assessment.appraisedTotal"),
                        children: (
                          <span aria-live="polite" data-testid="par-appraised-total">
                            {t("par.assessment.outOf", {
                              points: points(side === "appraisal" ? running.total : a.totals.appraisal.total),
                            })}
                          </span>
                        ),
                      },
                    ]
                  : []),
                ...(a.submittedAt
                  ? [
                      {
                        key: "submitted",
                        label: t("par.assessment.submittedAt"),
                        children: `${formatVnDateTime(a.submittedAt)} — ${a.submittedBy ?? ""}`,
                      },
                    ]
                  : []),
                ...(a.appraisedAt
                  ? [
                      {
                        key: "appraisedAt",
                        label: t("par.assessment.appraisedAt"),
                        children: `${formatVnDateTime(a.appraisedAt)} — ${a.appraisedBy ?? ""}`,
                      },
                    ]
                  : []),
              ]}
            />
            {side && (
              <p className="text-secondary" data-testid="par-progress">
                {t("par.assessment.progress", {
                  scored: Object.values(draft).filter((e) => e.points !== null).length,
                  leaves: Object.keys(draft).length,
                })}
              </p>
            )}
            {!side && <p className="text-secondary">{t(`par.assessment.readOnly.${a.status}`)}</p>}
          </Card>

          <Card
            className="section-card"
            title={<h2 className="card-heading">{t("par.assessment.criteria")}</h2>}
          >
            <ProblemAlert error={error} fields={(f) => /^scores\.\d+\./.test(f)} />
            {side === "appraisal" && (
              <div className="par-actions par-actions--start">
                <Button onClick={copySelf} data-testid="par-copy-self">
                  {t("par.assessment.copySelf")}
                </Button>
              </div>
            )}
            <Table<AssessmentCriterion>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={criteria}
              scroll={{ x: 1100 }}
              data-testid="par-assessment-table"
              rowClassName={(c) => (c.leaf ? "" : "par-group-row")}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.setPage.empty")} />
                ),
              }}
              columns={[
                {
                  key: "criterion",
                  title: t("par.criterion.title"),
                  width: 380,
                  render: (_, c) => (
                    <div className="par-criterion" style={{ paddingInlineStart: c.depth * 20 }}>
                      <span className="par-code">{c.code}</span> <span>{titleOf(c, lang)}</span>
                      {c.autoSource && (
                        <Tag className="par-tag par-tag--auto par-auto-tag">
                          {t(`par.auto.${c.autoSource}`)}
                        </Tag>
                      )}
                      {c.guidance && <div className="text-secondary par-guidance">{c.guidance}</div>}
                    </div>
                  ),
                },
                {
                  key: "max",
                  title: t("par.criterion.max"),
                  align: "right",
                  width: 80,
                  render: (_, c) => points(c.maxPoints),
                },
                {
                  key: "self",
                  title: t("par.assessment.selfPoints"),
                  width: 220,
                  render: (_, c) => {
                    if (!c.leaf)
                      return (
                        <strong data-testid={`par-self-sum-${c.code}`}>{points(sumOf(c, "self"))}</strong>
                      );
                    return (
                      <div>
                        {side === "self" ? (
                          <div className="par-points-row">
                            <PointsInput
                              code={c.code}
                              max={c.maxPoints}
                              value={draft[c.code]?.points ?? null}
                              error={errorOf(c.code)}
                              label={t("par.assessment.selfLabel", {
                                code: c.code,
                                max: points(c.maxPoints),
                              })}
                              onChange={(v) => setEntry(c.code, { points: v })}
                              testId={`par-self-${c.code}`}
                            />
                            {c.autoSource && (
                              <Button
                                size="small"
                                icon={<ThunderboltOutlined aria-hidden />}
                                loading={busy === `auto:${c.code}`}
                                onClick={() => autoFill(c)}
                                aria-label={t("par.assessment.autoLabel", { code: c.code })}
                                data-testid={`par-auto-${c.code}`}
                              >
                                {t("par.assessment.auto")}
                              </Button>
                            )}
                          </div>
                        ) : (
                          <span data-testid={`par-self-value-${c.code}`}>{points(c.self.points)}</span>
                        )}
                        {c.self.figure &&
                          (side !== "self" || draft[c.code]?.points === c.self.figure.points) && (
                            <div data-testid={`par-figure-${c.code}`}>
                              <FigureText figure={c.self.figure} />
                            </div>
                          )}
                      </div>
                    );
                  },
                },
                ...(showAppraisal
                  ? [
                      {
                        key: "appraisal",
                        title: t("par.assessment.appraisedPoints"),
                        width: 160,
                        render: (_: unknown, c: AssessmentCriterion) => {
                          if (!c.leaf)
                            return (
                              <strong data-testid={`par-appraised-sum-${c.code}`}>
                                {points(sumOf(c, "appraisal"))}
                              </strong>
                            );
                          return side === "appraisal" ? (
                            <PointsInput
                              code={c.code}
                              max={c.maxPoints}
                              value={draft[c.code]?.points ?? null}
                              error={errorOf(c.code)}
                              label={t("par.assessment.appraisalLabel", {
                                code: c.code,
                                max: points(c.maxPoints),
                              })}
                              onChange={(v) => setEntry(c.code, { points: v })}
                              testId={`par-appraisal-${c.code}`}
                            />
                          ) : (
                            <span>{points(c.appraisal.points)}</span>
                          );
                        },
                      },
                    ]
                  : []),
                {
                  key: "note",
                  title: t("par.assessment.note"),
                  width: 260,
                  render: (_, c) => {
                    if (!c.leaf) return null;
                    const editable = side !== null;
                    const other = side === "appraisal" ? c.self.note : null;
                    return (
                      <div>
                        {other && (
                          <div className="text-secondary par-note">
                            {t("par.assessment.unitNote", { note: other })}
                          </div>
                        )}
                        {editable ? (
                          <Input.TextArea
                            autoSize={{ minRows: 1, maxRows: 4 }}
                            maxLength={2000}
                            aria-label={t(
                              side === "self"
                                ? "par.assessment.selfNoteLabel"
                                : "par.assessment.appraisalNoteLabel",
                              {
                                code: c.code,
                              },
                            )}
                            value={draft[c.code]?.note ?? ""}
                            onChange={(e) => setEntry(c.code, { note: e.target.value })}
                            data-testid={`par-note-${c.code}`}
                          />
                        ) : (
                          <>
                            {c.self.note && <div className="par-note">{c.self.note}</div>}
                            {c.appraisal.note && (
                              <div className="par-note par-note--appraisal">
                                {t("par.assessment.appraiserNote", { note: c.appraisal.note })}
                              </div>
                            )}
                          </>
                        )}
                      </div>
                    );
                  },
                },
                {
                  key: "evidence",
                  title: t("par.assessment.evidence"),
                  width: 240,
                  render: (_, c) => (
                    <div data-testid={`par-evidence-${c.code}`}>
                      <EvidenceList items={c.evidence} canEdit={side === "self"} onDelete={deleteEvidence} />
                      {side === "self" && c.leaf && (
                        <FileUpload
                          label={t("par.assessment.attach")}
                          busyLabel={t("par.assessment.attaching")}
                          accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
                          send={(file) => par.uploadEvidence(id, c.code, file)}
                          onDone={(ev) =>
                            updateEvidence(c.code, (list) => [...list.filter((x) => x.id !== ev.id), ev])
                          }
                          onError={(err) => setError(err)}
                          keyScope={c.code}
                          testId={`par-upload-${c.code}`}
                        />
                      )}
                      {!side && c.evidence.length === 0 && c.leaf && (
                        <span className="text-secondary">—</span>
                      )}
                    </div>
                  ),
                },
              ]}
            />
            {side && (
              <div className="par-actions par-sticky">
                <span aria-live="polite" className="par-running" data-testid="par-running-total">
                  {t("par.assessment.running", { total: points(running.total), dirty: dirty.length })}
                </span>
                <Button
                  onClick={save}
                  loading={busy === "save"}
                  disabled={dirty.length === 0}
                  data-testid="par-save"
                >
                  {t("par.assessment.save")}
                </Button>
                <Button type="primary" onClick={finish} loading={busy === "finish"} data-testid="par-finish">
                  {t(side === "self" ? "par.assessment.submit" : "par.assessment.finish")}
                </Button>
              </div>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
