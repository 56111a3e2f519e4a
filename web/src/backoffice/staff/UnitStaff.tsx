// The officials of one unit: search, table (20 to a page) and the actions on each account.
import {
  CloseOutlined,
  EditOutlined,
  MailOutlined,
  PlusOutlined,
  SearchOutlined,
  StopOutlined,
  UnlockOutlined,
  UserAddOutlined,
} from "@ant-design/icons";
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Input,
  Pagination,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { type HTMLAttributes, useId, useMemo, useState } from "react";
import { staff } from "../../api/endpoints";
import { formatVnDateTime } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useRowActions } from "../../components/useRowActions";
import { useT } from "../../i18n";
import { useSession } from "../session";
import { AddRoleModal } from "./AddRoleModal";
import { AddStaffModal } from "./AddStaffModal";
import { EditStaffModal } from "./EditStaffModal";
import {
  canRevoke,
  grantableRoles,
  groupOfficials,
  matchesOfficial,
  type Official,
  officialStatus,
} from "./officials";

const PAGE_SIZE = 20;

export function UnitStaff({ unitId, canManage }: { unitId: string; canManage: boolean }) {
  const t = useT();
  const { me } = useSession();
  const searchId = useId();
  const list = useApiQuery(`staff:${unitId}`, (signal) => staff.list(unitId, signal));
  const officials = useMemo(() => groupOfficials(list.data?.items ?? []), [list.data]);
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [roleFor, setRoleFor] = useState<Official | null>(null);
  const [editing, setEditing] = useState<Official | null>(null);
  const { message } = App.useApp();
  // One action on an account at a time: a busy button, the server's refusal above the table, a toast.
  const { busy, error: actionError, act } = useRowActions(list.reload);
  const roles = useMemo(() => grantableRoles(me), [me]);

  const shown = useMemo(() => officials.filter((o) => matchesOfficial(o, query)), [officials, query]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const roleCell = (official: Official) => (
    <span className="staff-roles">
      {official.grants.map((grant) => {
        const role = t(`roles.${grant.role}`);
        const names = { role, name: official.fullName };
        return (
          <span key={grant.grantId} className="staff-role" data-testid="staff-role" data-role={grant.role}>
            <Tag>{role}</Tag>
            {canManage && canRevoke(me, grant.role) && (
              <Popconfirm
                title={t("accounts.staff.revokeConfirm", names)}
                description={official.grants.length === 1 ? t("accounts.staff.revokeLastWarning") : undefined}
                okText={t("accounts.staff.revokeOk")}
                cancelText={t("accounts.staff.cancel")}
                okButtonProps={{ danger: true, "data-testid": "staff-revoke-confirm" } as ButtonProps}
                onConfirm={() =>
                  act(
                    `revoke:${grant.grantId}`,
                    () => staff.revokeRole(unitId, grant.grantId),
                    () => t("accounts.staff.revoked", names),
                  )
                }
              >
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined aria-hidden />}
                  aria-label={t("accounts.staff.revokeLabel", names)}
                  title={t("accounts.staff.revokeLabel", names)}
                  loading={busy === `revoke:${grant.grantId}`}
                  data-testid="staff-revoke"
                />
              </Popconfirm>
            )}
          </span>
        );
      })}
    </span>
  );

  const actionsCell = (official: Official) => {
    const name = { name: official.fullName };
    const self = official.userId === me.user.id;
    return (
      <span className="staff-actions">
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          aria-label={t("accounts.staff.addRoleLabel", name)}
          onClick={() => setRoleFor(official)}
          data-testid="staff-add-role"
        >
          {t("accounts.staff.addRole")}
        </Button>
        {!self && (
          <Button
            size="small"
            icon={<EditOutlined aria-hidden />}
            aria-label={t("accounts.staff.edit.label", name)}
            onClick={() => setEditing(official)}
            data-testid="staff-edit"
          >
            {t("accounts.staff.edit.button")}
          </Button>
        )}
        {!official.activated && !official.disabled && (
          <Button
            size="small"
            icon={<MailOutlined aria-hidden />}
            aria-label={t("accounts.staff.resendLabel", name)}
            loading={busy === `resend:${official.userId}`}
            onClick={() =>
              act(
                `resend:${official.userId}`,
                () => staff.resendInvitation(unitId, official.userId),
                (sent) =>
                  t("accounts.staff.resent", {
                    name: official.fullName,
                    at: formatVnDateTime(sent.inviteExpiresAt),
                  }),
              )
            }
            data-testid="staff-resend"
          >
            {t("accounts.staff.resend")}
          </Button>
        )}
        {!self &&
          (official.disabled ? (
            <Popconfirm
              title={t("accounts.staff.enableConfirm", name)}
              okText={t("accounts.staff.enable")}
              cancelText={t("accounts.staff.cancel")}
              okButtonProps={{ "data-testid": "staff-enable-confirm" } as ButtonProps}
              onConfirm={() =>
                act(
                  `enable:${official.userId}`,
                  () => staff.enable(unitId, official.userId),
                  () => t("accounts.staff.enabledDone", name),
                )
              }
            >
              <Button
                size="small"
                icon={<UnlockOutlined aria-hidden />}
                aria-label={t("accounts.staff.enableLabel", name)}
                loading={busy === `enable:${official.userId}`}
                data-testid="staff-enable"
              >
                {t("accounts.staff.enable")}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t("accounts.staff.disableConfirm", name)}
              okText={t("accounts.staff.disable")}
              cancelText={t("accounts.staff.cancel")}
              okButtonProps={{ danger: true, "data-testid": "staff-disable-confirm" } as ButtonProps}
              onConfirm={() =>
                act(
                  `disable:${official.userId}`,
                  () => staff.disable(unitId, official.userId),
                  () => t("accounts.staff.disabledDone", name),
                )
              }
            >
              <Button
                size="small"
                danger
                icon={<StopOutlined aria-hidden />}
                aria-label={t("accounts.staff.disableLabel", name)}
                loading={busy === `disable:${official.userId}`}
                data-testid="staff-disable"
              >
                {t("accounts.staff.disable")}
              </Button>
            </Popconfirm>
          ))}
      </span>
    );
  };

  const columns: TableColumnsType<Official> = [
    {
      key: "name",
      title: t("accounts.staff.col.name"),
      render: (_, official) => (
        <>
          <span data-testid="staff-name">{official.fullName}</span>
          {official.userId === me.user.id && (
            <span className="text-secondary"> ({t("accounts.staff.you")})</span>
          )}
        </>
      ),
    },
    {
      key: "username",
      dataIndex: "username",
      title: t("accounts.staff.col.username"),
      render: (username: string | null) => <span data-testid="staff-username">{username ?? "—"}</span>,
    },
    {
      key: "email",
      dataIndex: "email",
      title: t("accounts.staff.col.email"),
      responsive: ["md"],
      render: (email: string | null) => email ?? "—",
    },
    { key: "roles", title: t("accounts.staff.col.roles"), render: (_, official) => roleCell(official) },
    {
      key: "status",
      title: t("accounts.staff.col.status"),
      className: "nowrap-cell",
      render: (_, official) => {
        const status = officialStatus(official);
        return (
          <Tag
            className={`staff-status staff-status--${status}`}
            data-testid="staff-status"
            data-status={status}
          >
            {t(`accounts.staff.status.${status}`)}
          </Tag>
        );
      },
    },
    ...(canManage
      ? [
          {
            key: "actions",
            title: t("accounts.staff.col.actions"),
            render: (_: unknown, o: Official) => actionsCell(o),
          },
        ]
      : []),
  ];

  return (
    <Card className="section-card">
      <div className="staff-toolbar">
        <div className="staff-toolbar__search">
          <label htmlFor={searchId} className="field-label">
            {t("accounts.staff.search")}
          </label>
          <Input
            id={searchId}
            type="search"
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t("accounts.staff.searchPlaceholder")}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setPage(1);
            }}
            data-testid="staff-search"
          />
        </div>
        {canManage && (
          <Button
            type="primary"
            icon={<UserAddOutlined aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="staff-add"
          >
            {t("accounts.staff.add")}
          </Button>
        )}
      </div>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <div aria-live="polite" data-testid="staff-action-problem">
        <ProblemAlert error={actionError} />
      </div>
      {list.data && (
        <p className="text-secondary" data-testid="staff-total">
          {t("accounts.staff.total", { count: shown.length })}
        </p>
      )}
      <div data-testid="staff-table">
        <Table<Official>
          rowKey="userId"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          onRow={(official) =>
            ({
              "data-testid": "staff-row",
              "data-username": official.username ?? "",
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  query.trim()
                    ? t("accounts.staff.noMatch", { query: query.trim() })
                    : t("accounts.staff.empty")
                }
                data-testid="staff-empty"
              />
            ),
          }}
        />
      </div>
      {shown.length > PAGE_SIZE && (
        <nav aria-label={t("accounts.staff.pagination")} className="procedure-pagination">
          <Pagination
            data-testid="staff-pagination"
            current={current}
            pageSize={PAGE_SIZE}
            total={shown.length}
            showSizeChanger={false}
            onChange={setPage}
          />
        </nav>
      )}
      {adding && (
        <AddStaffModal
          unitId={unitId}
          roles={roles}
          onClose={() => setAdding(false)}
          onCreated={(account) => {
            setAdding(false);
            message.success(
              t("accounts.staff.form.created", {
                username: account.username,
                at: formatVnDateTime(account.inviteExpiresAt),
              }),
            );
            list.reload();
          }}
        />
      )}
      {editing && (
        <EditStaffModal
          unitId={unitId}
          official={editing}
          onClose={() => setEditing(null)}
          onSaved={(result) => {
            setEditing(null);
            message.success(
              result.inviteExpiresAt
                ? t("accounts.staff.edit.reinvited", {
                    email: result.email ?? "",
                    at: formatVnDateTime(result.inviteExpiresAt),
                  })
                : result.changed.length === 0
                  ? t("accounts.staff.edit.unchanged")
                  : t("accounts.staff.edit.saved", { name: result.fullName }),
            );
            list.reload();
          }}
        />
      )}
      {roleFor && (
        <AddRoleModal
          unitId={unitId}
          official={roleFor}
          roles={roles}
          onClose={() => setRoleFor(null)}
          onAdded={(role) => {
            message.success(
              t("accounts.staff.roleAdded", { role: t(`roles.${role}`), name: roleFor.fullName }),
            );
            setRoleFor(null);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
