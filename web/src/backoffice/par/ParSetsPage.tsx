// /admin/cai-cach-hanh-chinh/bo-tieu-chi: the criteria sets the user may see, and for system
// administrators the import of a set from a file (JSON, CSV, XLSX): refused whole with a table of
// every row's problems (row, column, message in the UI language), or opened once imported.
import { InboxOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Empty, Input, InputNumber, Table, Tag, Typography, Upload } from "antd";
import { useId, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { units as unitApi } from "../../api/endpoints";
import { vietnamToday } from "../../components/dossierFormat";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldProblems } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n, useT } from "../../i18n";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";
import "../planning.css";
import "./par.css";
import { type ParLevel, type ParSetSummary, par } from "./parApi";
import { ParNav, parPaths } from "./parShared";

const LEVELS: readonly ParLevel[] = ["commune", "district", "province"];
const ROW_FIELD = /^rows\.(\d+)(?:\.([a-z_]+))?$/;

type RowProblem = { key: string; row: number; column: string; message: string };

/** The import's row problems, for the table; the rest stay in the alert. */
function rowProblems(error: unknown, lang: "vi" | "en"): RowProblem[] {
  return fieldProblems(error).flatMap((p, i) => {
    const m = ROW_FIELD.exec(p.field);
    if (!m) return [];
    // The server's message starts with "Dòng 7 (title): "; the table has its own columns.
    const text = (p.message[lang] || p.message.vi).replace(/^(Dòng|Row) \d+( \([a-z_]+\))?: /, "");
    return [{ key: `${i}`, row: Number(m[1]), column: m[2] ?? "", message: text }];
  });
}

function ImportCard() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { me } = useSession();
  const unitList = useApiQuery("public-units", (signal) => unitApi.list(false, signal));
  const options = useMemo(
    () => staffUnits(me, unitList.data?.items, new Set(["system_admin"])),
    [me, unitList.data],
  );
  const [issuer, setIssuer] = useState<string | undefined>();
  const [year, setYear] = useState<number>(Number(vietnamToday().slice(0, 4)));
  const [level, setLevel] = useState<ParLevel>("commune");
  const [title, setTitle] = useState("");
  const [replace, setReplace] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const yearId = useId();
  const levelId = useId();
  const titleId = useId();
  const issuerId = issuer ?? options[0]?.value;
  const issuerCode = unitList.data?.items.find((u) => u.id === issuerId)?.code;
  const rows = rowProblems(error, lang);

  const send = async () => {
    if (!file || !issuerCode) return;
    setBusy(true);
    setError(null);
    try {
      const set = await par.importSet(
        { issuer: issuerCode, year, level, title: title.trim() || undefined, replace },
        file,
      );
      navigate(parPaths.set(set.id));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Card className="section-card" title={<h2 className="card-heading">{t("par.import.heading")}</h2>}>
      <Typography.Paragraph>{t("par.import.intro")}</Typography.Paragraph>
      <p className="text-secondary">{t("par.import.columns")}</p>
      <div className="picker-row">
        <StaffUnitSelect
          value={issuerId}
          options={options}
          loading={unitList.loading}
          onChange={setIssuer}
          testId="par-import-issuer"
        />
        <div className="picker-field picker-field--narrow">
          <label htmlFor={yearId} className="field-label">
            {t("par.import.year")}
          </label>
          <InputNumber
            id={yearId}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="par-import-year"
          />
        </div>
        <div className="picker-field picker-field--narrow">
          <label htmlFor={levelId} className="field-label">
            {t("par.import.level")}
          </label>
          <LabelledSelect<ParLevel>
            id={levelId}
            listLabel={t("par.import.level")}
            className="picker-field__select"
            value={level}
            onChange={setLevel}
            options={LEVELS.map((l) => ({ value: l, label: t(`par.level.${l}`) }))}
            data-testid="par-import-level"
          />
        </div>
        <div className="picker-field picker-field--wide">
          <label htmlFor={titleId} className="field-label">
            {t("par.import.title")}
          </label>
          <Input
            id={titleId}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t("par.import.titlePlaceholder", { year })}
            data-testid="par-import-title"
          />
        </div>
      </div>
      <div data-testid="par-import-file">
        <Upload.Dragger
          accept=".json,.csv,.xlsx"
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setError(null);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p>{file ? t("par.import.chosen", { name: file.name }) : t("par.import.drop")}</p>
        </Upload.Dragger>
      </div>
      <div className="par-actions">
        <Checkbox
          checked={replace}
          onChange={(e) => setReplace(e.target.checked)}
          data-testid="par-import-replace"
        >
          {t("par.import.replace")}
        </Checkbox>
        <Button
          type="primary"
          onClick={send}
          loading={busy}
          disabled={!file || !issuerCode}
          data-testid="par-import-submit"
        >
          {t("par.import.submit")}
        </Button>
      </div>
      <ProblemAlert error={error} fields={(f) => ROW_FIELD.test(f)} />
      {rows.length > 0 && (
        <Table<RowProblem>
          className="par-row-errors"
          data-testid="par-import-errors"
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          title={() => <strong>{t("par.import.errors", { count: rows.length })}</strong>}
          columns={[
            { key: "row", dataIndex: "row", title: t("par.import.row"), align: "right", width: 80 },
            { key: "column", dataIndex: "column", title: t("par.import.column"), width: 140 },
            { key: "message", dataIndex: "message", title: t("par.import.message") },
          ]}
        />
      )}
    </Card>
  );
}

export default function ParSetsPage() {
  const t = useT();
  useDocumentTitle(t("par.sets.heading"));
  const { me } = useSession();
  const sets = useApiQuery("par-sets", (signal) => par.sets(undefined, signal));
  const manager = me.roles.some((r) => r.role === "system_admin");
  return (
    <>
      <Typography.Title level={1}>{t("par.sets.heading")}</Typography.Title>
      <Typography.Paragraph>{t("par.sets.intro")}</Typography.Paragraph>
      <ParNav current="sets" />
      <Card className="section-card" title={<h2 className="card-heading">{t("par.sets.list")}</h2>}>
        <ProblemAlert error={sets.error} onRetry={sets.reload} />
        <div data-testid="par-sets" aria-busy={sets.loading}>
          <Table<ParSetSummary>
            rowKey="id"
            size="middle"
            loading={sets.loading && !sets.data}
            pagination={false}
            dataSource={sets.data?.items ?? []}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.sets.empty")} />,
            }}
            columns={[
              { key: "year", dataIndex: "year", title: t("par.sets.year"), width: 90 },
              {
                key: "title",
                title: t("par.sets.title"),
                render: (_, s) => (
                  <Link to={parPaths.set(s.id)} data-testid={`par-set-${s.year}`}>
                    {s.title}
                  </Link>
                ),
              },
              { key: "issuer", title: t("par.sets.issuer"), render: (_, s) => s.issuer.name },
              { key: "level", title: t("par.sets.level"), render: (_, s) => t(`par.level.${s.level}`) },
              { key: "criteria", dataIndex: "criteriaCount", title: t("par.sets.criteria"), align: "right" },
              {
                key: "assessments",
                title: t("par.sets.assessments"),
                render: (_, s) =>
                  t("par.sets.assessmentCounts", {
                    draft: s.assessments.draft,
                    submitted: s.assessments.submitted,
                    appraised: s.assessments.appraised,
                  }),
              },
              {
                key: "editable",
                title: t("par.sets.state"),
                render: (_, s) => (
                  <Tag className={`par-tag par-tag--${s.editable ? "editable" : "frozen"}`}>
                    {t(s.editable ? "par.sets.editable" : "par.sets.frozen")}
                  </Tag>
                ),
              },
            ]}
          />
        </div>
      </Card>
      {manager && <ImportCard />}
    </>
  );
}
