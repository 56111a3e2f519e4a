// The procedures a unit serves and the state of each one's e-form: own (revision), inherited from
// a unit above, or none; choosing one opens it in the builder.
import { EditOutlined } from "@ant-design/icons";
import { Button, Table, Tag } from "antd";
import type { BuilderItem } from "../../components/eform/api";
import { useI18n } from "../../i18n";

interface Props {
  items: BuilderItem[];
  loading: boolean;
  selected: string | null;
  onSelect: (code: string) => void;
}

export function ProcedureForms({ items, loading, selected, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <Table<BuilderItem>
      size="small"
      rowKey="procedureCode"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: true }}
      data-testid="builder-procedures"
      rowClassName={(item) => (item.procedureCode === selected ? "eform-builder__selected" : "")}
      columns={[
        { key: "code", title: t("eform.builder.procedureCode"), dataIndex: "procedureCode", width: 120 },
        { key: "name", title: t("eform.builder.procedureName"), dataIndex: "procedureName" },
        {
          key: "form",
          title: t("eform.builder.formState"),
          render: (_, item) =>
            !item.eform ? (
              <Tag>{t("eform.builder.noForm")}</Tag>
            ) : item.inherited ? (
              <Tag className="eform-tag--inherited">
                {t("eform.builder.inherited", { unit: item.eform.unitName, revision: item.eform.revision })}
              </Tag>
            ) : (
              <Tag className="eform-tag--current">
                {t("eform.builder.own", { revision: item.eform.revision })}
              </Tag>
            ),
        },
        {
          key: "action",
          title: <span className="sr-only">{t("eform.builder.actions")}</span>,
          render: (_, item) => (
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              onClick={() => onSelect(item.procedureCode)}
              aria-label={t("eform.builder.editLabel", { name: item.procedureName })}
              aria-pressed={item.procedureCode === selected}
              data-testid={`builder-edit-${item.procedureCode}`}
            >
              {item.eform ? t("eform.builder.edit") : t("eform.builder.create")}
            </Button>
          ),
        },
      ]}
    />
  );
}
