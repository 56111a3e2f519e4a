// Search results: a table of procedures (name links to the procedure page) and the pager.
import { Empty, Pagination, Table, type TableColumnsType } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ProcedureSummary } from "../../api/types";
import { LevelTags, OnlineTag } from "../../components/CatalogTags";
import { formatDeadline } from "../../components/catalogFormat";
import { useI18n } from "../../i18n";
import { PAGE_SIZE, procedurePath } from "./searchParams";

interface Props {
  items: ProcedureSummary[];
  total: number;
  page: number;
  loading: boolean;
  emptyText: string;
  emptyAction?: ReactNode;
  onPage: (page: number) => void;
}

export function ProcedureResults({ items, total, page, loading, emptyText, emptyAction, onPage }: Props) {
  const { lang, t } = useI18n();

  const columns: TableColumnsType<ProcedureSummary> = [
    {
      key: "code",
      dataIndex: "code",
      title: t("procedures.col.code"),
      render: (code: string) => <span className="procedure-code">{code}</span>,
    },
    {
      key: "name",
      dataIndex: "name",
      title: t("procedures.col.name"),
      render: (name: string, row) => (
        <Link to={procedurePath(row.code)} className="procedure-link" data-testid="procedure-link">
          {name}
        </Link>
      ),
    },
    { key: "sector", dataIndex: "sector", title: t("procedures.col.sector"), responsive: ["md"] },
    {
      key: "levels",
      dataIndex: "levels",
      title: t("procedures.col.levels"),
      responsive: ["lg"],
      render: (_, row) => <LevelTags levels={row.levels} />,
    },
    {
      key: "online",
      dataIndex: "online",
      title: t("procedures.col.online"),
      responsive: ["lg"],
      render: (_, row) => <OnlineTag online={row.online} showNone />,
    },
    {
      key: "deadline",
      dataIndex: "deadline",
      title: t("procedures.col.deadline"),
      render: (_, row) => formatDeadline(row.deadline, lang, t),
    },
    {
      key: "fee",
      dataIndex: "hasFee",
      title: t("procedures.col.fee"),
      responsive: ["lg"],
      render: (hasFee: boolean) => (hasFee ? t("catalog.hasFee") : t("catalog.free")),
    },
  ];

  return (
    <>
      <div data-testid="procedure-results">
        <Table<ProcedureSummary>
          rowKey="code"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={false}
          size="middle"
          locale={{
            emptyText: (
              <Empty description={emptyText} data-testid="procedure-empty">
                {emptyAction}
              </Empty>
            ),
          }}
        />
      </div>
      {total > PAGE_SIZE && (
        <nav aria-label={t("procedures.pagination")} className="procedure-pagination">
          <Pagination
            data-testid="procedure-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={total}
            showSizeChanger={false}
            onChange={onPage}
          />
        </nav>
      )}
    </>
  );
}
