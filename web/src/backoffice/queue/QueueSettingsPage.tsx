// /admin/quay/cau-hinh: a unit's desks (queue.manage: add, change, deactivate, delete an unused
// one) and the waiting and serving times (report.read: median and 90th percentile per desk,
// sector and official). Each part shows what the server lets the user see.
import { Button, Checkbox, Flex, Input, InputNumber, Select, Space, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { type Desk, type QueueStats, queueApi } from "../../queue/queueApi";
import { useSession } from "../session";

type Figures = QueueStats["total"];
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() + 7 * 3_600_000 - 29 * 86_400_000).toISOString().slice(0, 10);

function DeskRow({ desk, sectors, onSaved }: { desk: Desk; sectors: string[]; onSaved: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState(desk);
  const [error, setError] = useState<unknown>(null);
  const save = async (body: Desk) => {
    setError(null);
    try {
      await queueApi.updateDesk(desk.id, {
        number: body.number,
        name: body.name,
        sectors: body.sectors,
        active: body.active,
      });
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Space wrap align="start">
      <InputNumber
        aria-label={t("ticketQueue.settings.number")}
        min={1}
        max={999}
        value={draft.number}
        onChange={(v) => setDraft({ ...draft, number: v ?? 1 })}
      />
      <Input
        aria-label={t("ticketQueue.settings.name")}
        style={{ width: 260 }}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
      />
      <Select
        aria-label={t("ticketQueue.settings.sectors")}
        mode="tags"
        style={{ minWidth: 280 }}
        placeholder={t("ticketQueue.settings.allSectors")}
        value={draft.sectors}
        onChange={(v: string[]) => setDraft({ ...draft, sectors: v })}
        options={sectors.map((s) => ({ value: s, label: s }))}
      />
      <Checkbox checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })}>
        {t("ticketQueue.settings.active")}
      </Checkbox>
      <Button onClick={() => save(draft)}>{t("ticketQueue.settings.save")}</Button>
      <Button
        danger
        onClick={async () => {
          try {
            await queueApi.deleteDesk(desk.id);
            onSaved();
          } catch (err) {
            setError(err);
          }
        }}
      >
        {t("ticketQueue.settings.delete")}
      </Button>
      {error !== null && <ProblemAlert error={error} />}
    </Space>
  );
}

export default function QueueSettingsPage() {
  const t = useT();
  useDocumentTitle(t("ticketQueue.settings.title"));
  const { me } = useSession();
  const unitCodes = useMemo(() => [...new Set(me.roles.map((r) => r.unitCode))], [me.roles]);
  const [unit, setUnit] = useState<string | null>(unitCodes[0] ?? null);
  const [from, setFrom] = useState(monthAgo());
  const [to, setTo] = useState(today());
  const [error, setError] = useState<unknown>(null);
  const desks = useApiQuery(unit ? `queue-settings:${unit}` : null, (signal) =>
    queueApi.desks(unit ?? "", signal),
  );
  const stats = useApiQuery(unit ? `queue-stats:${unit}:${from}:${to}` : null, (signal) =>
    queueApi.stats(unit ?? "", from, to, signal),
  );
  const minutes = (s: number | null) =>
    s === null ? "—" : t("ticketQueue.settings.minutes", { value: (s / 60).toFixed(1) });
  const columns = [
    { title: "", dataIndex: "label", key: "label", render: (v: string | null) => v ?? "—" },
    { title: t("ticketQueue.settings.tickets"), dataIndex: "tickets", key: "tickets" },
    { title: t("ticketQueue.settings.served"), dataIndex: "served", key: "served" },
    {
      title: t("ticketQueue.settings.waitMedian"),
      key: "wm",
      render: (_: unknown, r: Figures) => minutes(r.waitMedian),
    },
    {
      title: t("ticketQueue.settings.waitP90"),
      key: "wp",
      render: (_: unknown, r: Figures) => minutes(r.waitP90),
    },
    {
      title: t("ticketQueue.settings.serveMedian"),
      key: "sm",
      render: (_: unknown, r: Figures) => minutes(r.serveMedian),
    },
    {
      title: t("ticketQueue.settings.serveP90"),
      key: "sp",
      render: (_: unknown, r: Figures) => minutes(r.serveP90),
    },
  ];
  const nextNumber = Math.max(0, ...(desks.data?.items ?? []).map((d) => d.number)) + 1;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1}>{t("ticketQueue.settings.title")}</Typography.Title>
      <Select
        aria-label={t("ticketQueue.settings.unit")}
        style={{ maxWidth: 320 }}
        value={unit}
        onChange={setUnit}
        options={unitCodes.map((c) => ({ value: c, label: c }))}
      />
      <Typography.Title level={2}>{t("ticketQueue.settings.desks")}</Typography.Title>
      {desks.error !== null && <ProblemAlert error={desks.error} />}
      {error !== null && <ProblemAlert error={error} />}
      {desks.data && (
        <Flex vertical gap={8} data-testid="queue-desks">
          {desks.data.items.map((d) => (
            <DeskRow
              key={`${d.id}:${d.number}:${d.active}`}
              desk={d}
              sectors={desks.data?.sectors ?? []}
              onSaved={desks.reload}
            />
          ))}
          <div>
            <Button
              onClick={async () => {
                setError(null);
                try {
                  await queueApi.createDesk({
                    unit: unit ?? "",
                    number: nextNumber,
                    name: `Quầy ${nextNumber}`,
                    sectors: [],
                    active: true,
                  });
                  desks.reload();
                } catch (err) {
                  setError(err);
                }
              }}
            >
              {t("ticketQueue.settings.add")}
            </Button>
          </div>
        </Flex>
      )}
      <Typography.Title level={2}>{t("ticketQueue.settings.stats")}</Typography.Title>
      <Space wrap>
        <Input
          type="date"
          aria-label={t("ticketQueue.settings.from")}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <Input
          type="date"
          aria-label={t("ticketQueue.settings.to")}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </Space>
      {stats.error !== null && <ProblemAlert error={stats.error} />}
      {stats.data &&
        (
          [
            ["total", [stats.data.total]],
            ["byDesk", stats.data.byDesk],
            ["bySector", stats.data.bySector],
            ["byOfficial", stats.data.byOfficial],
          ] as const
        ).map(([name, rows]) => (
          <section key={name}>
            <Typography.Title level={3}>{t(`ticketQueue.settings.${name}`)}</Typography.Title>
            <Table
              rowKey={(r) => r.key ?? "none"}
              size="small"
              pagination={false}
              columns={columns}
              dataSource={[...rows]}
              locale={{ emptyText: t("ticketQueue.settings.noData") }}
              data-testid={`queue-stats-${name}`}
            />
          </section>
        ))}
    </Flex>
  );
}
