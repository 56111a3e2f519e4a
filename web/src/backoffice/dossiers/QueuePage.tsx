// /admin/ho-so: the work queues of a unit (mine, due today, due soon, overdue, open, closed, all)
// with their counts, search by code, applicant or procedure (diacritics optional), sortable
// columns and paging. The view lives in the address (?unit=&queue=&q=&page=&sort=).
import {
  Card,
  Empty,
  Input,
  Pagination,
  Radio,
  Table,
  type TableColumnsType,
  type TableProps,
  Typography,
} from "antd";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { dossiers, units } from "../../api/endpoints";
import {
  DOSSIER_QUEUES,
  DOSSIER_STATES,
  type DossierQueue,
  type DossierRow,
  type DossierSort,
  type DossierState,
} from "../../api/types";
import { DueCell, StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { foldText } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import "./dossiers.css";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";
import { BulkActions } from "./BulkActions";
import { READING_ROLES } from "./dossierUnits";
import { TrackingBook } from "./TrackingBook";

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;
const SORTS: readonly DossierSort[] = ["due", "-due", "received", "-received", "code", "-code"];
const COUNTED = new Set<DossierQueue>(["mine", "due_today", "due_soon", "overdue", "open"]);
const DESK_ROLES = new Set(["receptionist", "specialist", "leader", "clerk"]);
const ALL_UNITS = "all";

type SortKey = "code" | "received" | "due";

function parseQueue(value: string | null, fallback: DossierQueue): DossierQueue {
  return DOSSIER_QUEUES.includes(value as DossierQueue) ? (value as DossierQueue) : fallback;
}

function parseSort(value: string | null): DossierSort {
  return SORTS.includes(value as DossierSort) ? (value as DossierSort) : "due";
}

function parseState(value: string | null): DossierState | undefined {
  return DOSSIER_STATES.includes(value as DossierState) ? (value as DossierState) : undefined;
}

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export default function QueuePage() {
  const { t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("queue.heading"));
  const navigate = useNavigate();
  const searchId = useId();
  const unitFieldId = useId();
  const stateId = useId();
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items, READING_ROLES), [me, unitList.data]);
  // Desk roles start in their unit; supervisors in every unit they oversee (?unit=all).
  const unitParam = params.get("unit");
  const unitId =
    unitParam === ALL_UNITS
      ? undefined
      : (unitParam ?? me.roles.find((role) => DESK_ROLES.has(role.role))?.unitId);
  const defaultQueue: DossierQueue = me.roles.some((role) => DESK_ROLES.has(role.role)) ? "mine" : "open";
  const queue = parseQueue(params.get("queue"), defaultQueue);
  const q = params.get("q") ?? "";
  const state = parseState(params.get("state"));
  const page = parsePage(params.get("page"));
  const sort = parseSort(params.get("sort"));

  /** Changes some parameters of the view; anything but the page itself goes back to page 1. */
  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace });
  };

  // The search box follows the address when it changes from outside (back, forward, a link).
  const [input, setInput] = useState(q);
  const pushed = useRef(q);
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setInput(q);
    }
  }, [q]);
  useEffect(() => {
    const value = input.trim();
    if (value === q) return;
    const timer = setTimeout(() => {
      pushed.current = value;
      update({ q: value || undefined }, true);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  });

  const list = useApiQuery(
    `dossiers:${unitId ?? ""}:${queue}:${state ?? ""}:${q}:${page}:${sort}`,
    (signal) =>
      dossiers.list({ unitId, queue, state, q: q || undefined, page, pageSize: PAGE_SIZE, sort }, signal),
    { keepPrevious: true },
  );
  const counts = list.data?.counts;
  // Rows picked for a bulk command; a new list (unit, queue, page…) starts a new selection.
  const listKey = `${unitId ?? ""}:${queue}:${state ?? ""}:${q}:${page}:${sort}`;
  const [selection, setSelection] = useState<{ key: string; rows: DossierRow[] }>({ key: listKey, rows: [] });
  const selected = selection.key === listKey ? selection.rows : [];
  const canBulk = me.roles.some((role) => DESK_ROLES.has(role.role));
  const total = list.data?.total ?? 0;

  const sortOrder = (key: SortKey) =>
    sort === key ? ("ascend" as const) : sort === `-${key}` ? ("descend" as const) : null;
  const onTableChange: TableProps<DossierRow>["onChange"] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey as SortKey | undefined;
    const next: DossierSort | undefined =
      key && s?.order ? ((s.order === "descend" ? `-${key}` : key) as DossierSort) : undefined;
    update({ sort: next && next !== "due" ? next : undefined });
  };

  const columns: TableColumnsType<DossierRow> = [
    {
      key: "code",
      title: t("dossier.code"),
      sorter: true,
      sortOrder: sortOrder("code"),
      render: (_, row) => (
        <Link to={`/admin/ho-so/${row.id}`} className="dossier-code" data-testid="queue-open">
          {row.code ?? t("queue.noCode")}
        </Link>
      ),
    },
    {
      key: "procedure",
      title: t("dossier.procedure"),
      render: (_, row) => (
        <>
          {row.procedureName} <span className="text-secondary nowrap">({row.procedureCode})</span>
        </>
      ),
    },
    { key: "applicant", dataIndex: "applicantName", title: t("dossier.applicant") },
    { key: "unit", dataIndex: "unitName", title: t("dossier.handlingUnit"), responsive: ["xl"] },
    {
      key: "received",
      title: t("dossier.receivedAt"),
      sorter: true,
      sortOrder: sortOrder("received"),
      responsive: ["lg"],
      render: (_, row) => <span className="nowrap">{formatVnDateTime(row.receivedAt) || "—"}</span>,
    },
    {
      key: "due",
      title: t("dossier.dueAt"),
      sorter: true,
      sortOrder: sortOrder("due"),
      render: (_, row) => <DueCell dueAt={row.dueAt} bucket={row.bucket} />,
    },
    {
      key: "state",
      title: t("dossier.state"),
      render: (_, row) => (
        <span className="state-cell">
          <StateTag state={row.state} label={row.stateLabel} /> <TimelinessTag timeliness={row.timeliness} />
          {row.stepName && <span className="text-secondary state-cell__step">{row.stepName}</span>}
        </span>
      ),
    },
  ];

  const queueLabel = (value: DossierQueue) => {
    const count = COUNTED.has(value) && counts ? counts[value as keyof typeof counts] : null;
    return (
      <span data-testid={`queue-tab-${value}`}>
        {t(`queue.tab.${value}`)}
        {count !== null && (
          <span className={`queue-count${value === "overdue" && count > 0 ? " queue-count--alert" : ""}`}>
            {count}
          </span>
        )}
      </span>
    );
  };

  return (
    <>
      <Typography.Title level={1}>{t("queue.heading")}</Typography.Title>
      <Typography.Paragraph>{t("queue.intro")}</Typography.Paragraph>
      <div className="picker-row">
        <div className="picker-field">
          <label htmlFor={unitFieldId} className="field-label">
            {t("planning.unit")}
          </label>
          <LabelledSelect<string>
            id={unitFieldId}
            listLabel={t("planning.unit")}
            data-testid="queue-unit"
            className="picker-field__select"
            allowClear
            placeholder={t("queue.allUnits")}
            value={unitId}
            options={options}
            loading={unitList.loading}
            onChange={(unit) => update({ unit: unit ?? ALL_UNITS })}
            showSearch={{
              filterOption: (text, option) => foldText(String(option?.label ?? "")).includes(foldText(text)),
            }}
          />
        </div>
        <search className="picker-field picker-field--wide">
          <label htmlFor={searchId} className="field-label">
            {t("queue.search")}
          </label>
          <Input
            id={searchId}
            type="search"
            allowClear
            value={input}
            placeholder={t("queue.searchPlaceholder")}
            onChange={(event) => setInput(event.target.value)}
            data-testid="queue-search"
          />
        </search>
        <div className="picker-field">
          <label htmlFor={stateId} className="field-label">
            {t("dossier.state")}
          </label>
          <LabelledSelect<DossierState>
            id={stateId}
            listLabel={t("dossier.state")}
            data-testid="queue-state"
            className="picker-field__select"
            allowClear
            placeholder={t("queue.allStates")}
            value={state}
            options={DOSSIER_STATES.filter((s) => s !== "draft").map((value) => ({
              value,
              label: t(`dossier.stateName.${value}`),
            }))}
            onChange={(value) => update({ state: value ?? undefined })}
          />
        </div>
      </div>
      <fieldset className="queue-tabs">
        <legend className="field-label">{t("queue.queue")}</legend>
        <Radio.Group
          name="queue"
          optionType="button"
          value={queue}
          onChange={(event) => update({ queue: event.target.value as DossierQueue })}
          options={DOSSIER_QUEUES.map((value) => ({ value, label: queueLabel(value) }))}
        />
      </fieldset>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Card className="section-card">
        <p className="served-total" aria-live="polite" data-testid="queue-total">
          {list.data ? t("queue.total", { total }) : ""}
        </p>
        {canBulk && (
          <BulkActions
            rows={selected}
            onDone={() => {
              setSelection({ key: listKey, rows: [] });
              list.reload();
            }}
          />
        )}
        <div data-testid="queue-table">
          <Table<DossierRow>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={false}
            size="middle"
            onChange={onTableChange}
            showSorterTooltip={false}
            rowClassName={(row) => `queue-row queue-row--${row.bucket}`}
            rowSelection={
              canBulk
                ? {
                    selectedRowKeys: selected.map((row) => row.id),
                    onChange: (_keys, rows) => setSelection({ key: listKey, rows }),
                    getCheckboxProps: (row) => ({
                      "aria-label": t("dashboard.bulk.select", { code: row.code ?? row.procedureName }),
                    }),
                  }
                : undefined
            }
            onRow={(row) => ({
              onClick: (event) => {
                if ((event.target as HTMLElement).closest("a, .ant-table-selection-column")) return;
                navigate(`/admin/ho-so/${row.id}`);
              },
            })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q ? t("queue.noMatch", { q }) : t("queue.empty")}
                  data-testid="queue-empty"
                />
              ),
            }}
          />
        </div>
        {total > PAGE_SIZE && (
          <nav aria-label={t("queue.pagination")} className="procedure-pagination">
            <Pagination
              data-testid="queue-pagination"
              current={page}
              pageSize={PAGE_SIZE}
              total={total}
              showSizeChanger={false}
              onChange={(next) => update({ page: next > 1 ? String(next) : undefined })}
            />
          </nav>
        )}
      </Card>
      {unitId && <TrackingBook unitId={unitId} />}
    </>
  );
}
