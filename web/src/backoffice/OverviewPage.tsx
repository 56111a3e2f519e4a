import { CheckOutlined, MinusOutlined } from "@ant-design/icons";
import { Card, Empty, Table, type TableColumnsType, Typography } from "antd";
import type { RoleAssignment } from "../api/types";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useT } from "../i18n";
import { useSession } from "./session";

export function OverviewPage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t("overview.heading"));

  const columns: TableColumnsType<RoleAssignment> = [
    { key: "unitCode", dataIndex: "unitCode", title: t("overview.unitCode") },
    { key: "unitName", dataIndex: "unitName", title: t("overview.unitName") },
    { key: "role", dataIndex: "role", title: t("overview.role"), render: (_, row) => t(`roles.${row.role}`) },
    {
      key: "subtree",
      dataIndex: "subtree",
      title: t("overview.subtree"),
      render: (_, row) =>
        row.subtree ? (
          <span>
            <CheckOutlined aria-hidden /> {t("overview.yes")}
          </span>
        ) : (
          <span>
            <MinusOutlined aria-hidden /> {t("overview.no")}
          </span>
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t("overview.heading")}</Typography.Title>
      <Typography.Paragraph>{t("overview.welcome", { name: me.user.fullName })}</Typography.Paragraph>
      <Card className="section-card" title={<h2 className="card-heading">{t("overview.rolesHeading")}</h2>}>
        <div data-testid="roles-table">
          <Table<RoleAssignment>
            rowKey="id"
            columns={columns}
            dataSource={me.roles}
            pagination={false}
            locale={{ emptyText: <Empty description={t("overview.noRoles")} /> }}
            scroll={{ x: "max-content" }}
          />
        </div>
      </Card>
    </>
  );
}
