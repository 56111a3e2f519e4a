// /admin/cai-cach-hanh-chinh/bo-tieu-chi/:id: a criteria set as a tree (code, title, maximum
// points, automatic source, guidance). System administrators edit it while none of its
// assessments is submitted: the whole list is saved at once (the sums are checked together),
// each problem shown next to its field; a set nobody has started assessing can be deleted.
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n, useT } from "../../i18n";
import "../planning.css";
import "./par.css";
import { type CriterionInput, type ParCriterion, type ParSet, par } from "./parApi";
import { ParNav, parPaths, titleOf, usePoints } from "./parShared";

const SOURCES = ["on_time_share", "online_share", "satisfaction_share", "apology_share"] as const;
type Row = {
  code: string;
  parentCode?: string | null;
  title: string;
  titleEn?: string | null;
  maxPoints: number | null;
  autoSource?: (typeof SOURCES)[number] | null;
  guidance?: string | null;
};

function CriteriaTree({ criteria }: { criteria: ParCriterion[] }) {
  const t = useT();
  const { lang } = useI18n();
  const points = usePoints();
  return (
    <Table<ParCriterion>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={criteria}
      data-testid="par-criteria-tree"
      rowClassName={(c) => (c.depth === 0 ? "par-group-row" : "")}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.setPage.empty")} />,
      }}
      columns={[
        {
          key: "criterion",
          title: t("par.criterion.title"),
          render: (_, c) => (
            <div className="par-criterion" style={{ paddingInlineStart: c.depth * 20 }}>
              <span className="par-code">{c.code}</span> <span>{titleOf(c, lang)}</span>
              {c.guidance && <div className="text-secondary par-guidance">{c.guidance}</div>}
            </div>
          ),
        },
        {
          key: "max",
          title: t("par.criterion.max"),
          align: "right",
          width: 110,
          render: (_, c) => <span data-testid={`par-max-${c.code}`}>{points(c.maxPoints)}</span>,
        },
        {
          key: "auto",
          title: t("par.criterion.auto"),
          width: 220,
          render: (_, c) =>
            c.autoSource ? (
              <Tag className="par-tag par-tag--auto">{t(`par.auto.${c.autoSource}`)}</Tag>
            ) : null,
        },
      ]}
    />
  );
}

function CriteriaEditor({
  set,
  onSaved,
  onCancel,
}: {
  set: ParSet;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const points = usePoints();
  const [form] = Form.useForm<{ title: string; criteria: Row[] }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const rows = Form.useWatch("criteria", form) ?? [];
  const top = rows.reduce(
    (sum, r) =>
      r && !r.parentCode && !r.code?.includes(".") ? sum + Math.round((r.maxPoints ?? 0) * 100) : sum,
    0,
  );
  // A language switch re-renders the server's field messages in the new language.
  useEffect(() => {
    if (error) applyFieldErrors(form, error, lang, (f) => f.startsWith("criteria.") || f === "title", true);
  }, [lang, error, form]);

  const save = async (values: { title: string; criteria: Row[] }) => {
    setBusy(true);
    setError(null);
    try {
      const criteria: CriterionInput[] = values.criteria.map((r) => ({
        code: r.code ?? "",
        parentCode: r.parentCode?.trim() || null,
        title: r.title ?? "",
        titleEn: r.titleEn?.trim() || null,
        maxPoints: r.maxPoints ?? 0,
        autoSource: r.autoSource ?? null,
        guidance: r.guidance?.trim() || null,
      }));
      await par.updateSet(set.id, { title: values.title, criteria });
      onSaved();
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, (f) => f.startsWith("criteria.") || f === "title");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      data-testid="par-set-editor"
      initialValues={{
        title: set.title,
        criteria: set.criteria.map((c) => ({
          code: c.code,
          parentCode: c.parentCode,
          title: c.title,
          titleEn: c.titleEn,
          maxPoints: c.maxPoints,
          autoSource: c.autoSource,
          guidance: c.guidance,
        })),
      }}
    >
      <Form.Item
        name="title"
        label={t("par.setPage.setTitle")}
        rules={[{ required: true, message: t("par.setPage.titleRequired") }]}
      >
        <Input data-testid="par-edit-title" />
      </Form.Item>
      <p className="par-sum" aria-live="polite" data-testid="par-edit-sum">
        {t("par.setPage.topSum", { sum: points(top / 100) })}
      </p>
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="par-edit-row" data-testid={`par-edit-row-${index}`}>
                <legend className="par-edit-row__legend">
                  {t("par.setPage.row", { n: index + 1, code: rows[index]?.code ?? "" })}
                </legend>
                <Form.Item
                  name={[field.name, "code"]}
                  label={t("par.criterion.code")}
                  className="par-edit-narrow"
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, "parentCode"]}
                  label={t("par.criterion.parent")}
                  className="par-edit-narrow"
                >
                  <Input placeholder={t("par.setPage.parentHint")} />
                </Form.Item>
                <Form.Item
                  name={[field.name, "title"]}
                  label={t("par.criterion.title")}
                  className="par-edit-wide"
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, "maxPoints"]}
                  label={t("par.criterion.max")}
                  className="par-edit-narrow"
                >
                  <InputNumber min={0} max={100} step={1} decimalSeparator={lang === "vi" ? "," : "."} />
                </Form.Item>
                <Form.Item
                  name={[field.name, "autoSource"]}
                  label={t("par.criterion.auto")}
                  className="par-edit-medium"
                >
                  <LabelledSelect<string>
                    listLabel={t("par.criterion.auto")}
                    allowClear
                    placeholder={t("par.setPage.noAuto")}
                    options={SOURCES.map((s) => ({ value: s, label: t(`par.auto.${s}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, "titleEn"]}
                  label={t("par.criterion.titleEn")}
                  className="par-edit-wide"
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, "guidance"]}
                  label={t("par.criterion.guidance")}
                  className="par-edit-wide"
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
                <Button
                  className="par-edit-remove"
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => remove(field.name)}
                  aria-label={t("par.setPage.remove", { code: rows[index]?.code ?? String(index + 1) })}
                >
                  {t("par.setPage.removeShort")}
                </Button>
              </fieldset>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ code: "", title: "", maxPoints: null })}
              data-testid="par-edit-add"
            >
              {t("par.setPage.add")}
            </Button>
          </>
        )}
      </Form.List>
      <ProblemAlert error={error} fields={(f) => f.startsWith("criteria.") || f === "title"} />
      <div className="par-actions">
        <Button onClick={onCancel}>{t("par.setPage.cancel")}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="par-edit-save">
          {t("par.setPage.save")}
        </Button>
      </div>
    </Form>
  );
}

export default function ParSetPage() {
  const t = useT();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const set = useApiQuery(`par-set:${id}`, (signal) => par.set(id, signal));
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const s = set.data;
  useDocumentTitle(s ? s.title : t("par.setPage.heading"));
  const started = s ? s.assessments.draft + s.assessments.submitted + s.assessments.appraised : 0;

  const remove = async () => {
    setDeleteError(null);
    try {
      await par.deleteSet(id);
      navigate(parPaths.sets);
    } catch (e) {
      setDeleteError(e);
    }
  };

  return (
    <>
      <Typography.Title level={1}>{s ? s.title : t("par.setPage.heading")}</Typography.Title>
      <ParNav current="sets" setId={s?.id} />
      <ProblemAlert error={set.error ?? deleteError} onRetry={set.error ? set.reload : undefined} />
      {s && (
        <Card
          className="section-card"
          aria-busy={set.loading}
          title={
            <h2 className="card-heading">
              {t("par.setPage.facts", {
                year: s.year,
                issuer: s.issuer.name,
                level: t(`par.level.${s.level}`),
                count: s.criteriaCount,
              })}
            </h2>
          }
          extra={
            <Tag
              className={`par-tag par-tag--${s.editable ? "editable" : "frozen"}`}
              data-testid="par-set-state"
            >
              {t(s.editable ? "par.sets.editable" : "par.sets.frozen")}
            </Tag>
          }
        >
          {!s.editable && <p className="text-secondary">{t("par.setPage.frozenHint")}</p>}
          {editing ? (
            <CriteriaEditor
              set={s}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                set.reload();
              }}
            />
          ) : (
            <>
              {s.canManage && (
                <div className="par-actions par-actions--start">
                  {s.editable && (
                    <Button
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => setEditing(true)}
                      data-testid="par-set-edit"
                    >
                      {t("par.setPage.edit")}
                    </Button>
                  )}
                  {started === 0 && (
                    <Popconfirm
                      title={t("par.setPage.deleteConfirm")}
                      okText={t("par.setPage.delete")}
                      cancelText={t("par.setPage.cancel")}
                      onConfirm={remove}
                    >
                      <Button danger icon={<DeleteOutlined aria-hidden />} data-testid="par-set-delete">
                        {t("par.setPage.delete")}
                      </Button>
                    </Popconfirm>
                  )}
                </div>
              )}
              <CriteriaTree criteria={s.criteria} />
            </>
          )}
        </Card>
      )}
    </>
  );
}
