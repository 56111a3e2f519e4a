// The procedures a unit serves (code, name, sector, deadline), 100 to a page, with the printable
// listing and, for the unit's managers, a confirmed "remove" on each row.
import { DeleteOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  type ButtonProps,
  Empty,
  Pagination,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useState } from "react";
import { catalog } from "../../api/endpoints";
import type { ServedProcedure } from "../../api/types";
import { formatDeadline } from "../../components/catalogFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useI18n } from "../../i18n";
import { SERVED_PAGE_SIZE, type ServedList } from "./servedProcedures";

interface Props {
  unitId: string;
  list: ServedList;
  loading: boolean;
  canManage: boolean;
  onChanged: () => void;
}

export function ServedProcedures({ unitId, list, loading, canManage, onChanged }: Props) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const pages = Math.max(1, Math.ceil(list.items.length / SERVED_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = list.items.slice((current - 1) * SERVED_PAGE_SIZE, current * SERVED_PAGE_SIZE);

  const remove = async (code: string) => {
    setError(null);
    try {
      await catalog.unserve(unitId, code);
      message.success(t("unitProcedures.removed", { code }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  const columns: TableColumnsType<ServedProcedure> = [
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
        <>
          {name} {!row.inForce && <Tag>{t("unitProcedures.abolished")}</Tag>}
        </>
      ),
    },
    { key: "sector", dataIndex: "sector", title: t("procedures.col.sector"), responsive: ["md"] },
    {
      key: "deadline",
      dataIndex: "deadline",
      title: t("procedures.col.deadline"),
      className: "nowrap-cell",
      render: (_, row) => formatDeadline(row.deadline, lang, t),
    },
    {
      key: "local",
      title: t("unitProcedures.localDetails"),
      responsive: ["lg"],
      render: (_, row) => [row.receptionAddress, row.localNotes].filter(Boolean).join(" · ") || t("org.none"),
    },
    ...(canManage
      ? [
          {
            key: "actions",
            title: t("unitProcedures.actions"),
            className: "nowrap-cell",
            render: (_: unknown, row: ServedProcedure) => (
              <Popconfirm
                title={t("unitProcedures.removeConfirm", { code: row.code })}
                okText={t("unitProcedures.removeOk")}
                cancelText={t("unitProcedures.cancel")}
                okButtonProps={{ danger: true, "data-testid": "served-remove-confirm" } as ButtonProps}
                onConfirm={() => remove(row.code)}
              >
                <Button
                  danger
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t("unitProcedures.removeLabel", { code: row.code })}
                  data-testid="served-remove"
                >
                  {t("unitProcedures.remove")}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <p className="served-total" data-testid="served-total">
        {t("unitProcedures.servedTotal", { total: list.total })}
      </p>
      <div aria-live="polite">
        <ProblemAlert error={error} />
      </div>
      <div data-testid="served-procedures">
        <Table<ServedProcedure>
          rowKey="code"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          size="middle"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t("unitProcedures.noneServed")}
                data-testid="served-empty"
              />
            ),
          }}
        />
      </div>
      {list.items.length > SERVED_PAGE_SIZE && (
        <nav aria-label={t("unitProcedures.pagination")} className="procedure-pagination">
          <Pagination
            data-testid="served-pagination"
            current={current}
            pageSize={SERVED_PAGE_SIZE}
            total={list.items.length}
            showSizeChanger={false}
            onChange={setPage}
          />
        </nav>
      )}
    </>
  );
}
