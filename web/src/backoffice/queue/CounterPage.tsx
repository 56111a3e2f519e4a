// /admin/quay: the counter screen of a receptionist (queue.serve). Choose the desk, then big
// buttons with keyboard shortcuts: call next (N), recall (R), skip (S), transfer (T), start
// serving (B), served (D); the desk's waiting list in call order and its skipped tickets.
// Issuing a ticket and checking a booking in at the desk are here too.
import { Alert, Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { queueApi, type Ticket, type TicketAction } from "../../queue/queueApi";
import { useSession } from "../session";

const KEYS: Record<string, "callNext" | "recall" | "skip" | "transfer" | "serve" | "finish"> = {
  n: "callNext",
  r: "recall",
  s: "skip",
  t: "transfer",
  b: "serve",
  d: "finish",
};

export default function CounterPage() {
  const t = useT();
  useDocumentTitle(t("ticketQueue.counter.title"));
  const { me } = useSession();
  const unitCodes = useMemo(
    () => [...new Set(me.roles.filter((r) => r.role === "receptionist").map((r) => r.unitCode))],
    [me.roles],
  );
  const [unit, setUnit] = useState<string | null>(unitCodes[0] ?? null);
  const [deskId, setDeskId] = useState<string | null>(() => localStorage.getItem("motcua.queue.desk"));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const [dossierCode, setDossierCode] = useState("");
  const [bookingCode, setBookingCode] = useState("");
  const desks = useApiQuery(unit ? `queue-desks:${unit}` : null, (signal) =>
    queueApi.desks(unit ?? "", signal),
  );
  const active = (desks.data?.items ?? []).filter((d) => d.active);
  const desk = active.find((d) => d.id === deskId) ?? null;
  const queue = useApiQuery(desk ? `queue-desk:${desk.id}` : null, (signal) =>
    queueApi.deskQueue(desk?.id ?? "", signal),
  );
  const current = queue.data?.current ?? null;

  // The waiting list follows other desks' calls and new tickets.
  const { reload } = queue;
  useEffect(() => {
    if (!desk) return;
    const timer = setInterval(reload, 5000);
    return () => clearInterval(timer);
  }, [desk, reload]);

  const run = useCallback(
    async (action: () => Promise<unknown>, done?: (result: unknown) => void) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        // Not `done?.(await action())`: an optional call skips its arguments when `done` is absent.
        const result = await action();
        done?.(result);
        reload();
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  const act = useCallback(
    (body: TicketAction) => current && run(() => queueApi.act(current.id, body)),
    [current, run],
  );
  const can = (a: Ticket["actions"][number]) => !!current && current.actions.includes(a);

  const handlers = {
    callNext: () =>
      desk &&
      run(
        () => queueApi.callNext(desk.id),
        (r) => !(r as { ticket: Ticket | null }).ticket && setNotice(t("ticketQueue.counter.calledNone")),
      ),
    recall: () => can("recall") && act({ action: "recall" }),
    skip: () => can("skip") && act({ action: "skip" }),
    transfer: () => can("transfer") && target && act({ action: "transfer", deskId: target }),
    serve: () => can("serve") && act({ action: "serve" }),
    // The code is cleared once the ticket is served: a code the server refuses stays to be corrected.
    finish: () =>
      can("finish") &&
      current &&
      run(
        () => queueApi.act(current.id, { action: "finish", dossierCode: dossierCode.trim() || null }),
        () => setDossierCode(""),
      ),
  };
  const handlersRef = useMemo(() => ({ current: handlers }), []);
  handlersRef.current = handlers;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || el?.closest("input, textarea, select, [role=combobox]"))
        return;
      const name = KEYS[e.key.toLowerCase()];
      if (!name) return;
      e.preventDefault();
      void handlersRef.current[name]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [handlersRef]);

  const columns = [
    { title: t("ticketQueue.counter.number"), dataIndex: "label", key: "label" },
    { title: t("ticketQueue.counter.sector"), dataIndex: "sector", key: "sector" },
    {
      title: t("ticketQueue.counter.source"),
      key: "source",
      render: (_: unknown, r: Ticket) => <Tag>{t(`ticketQueue.counter.sources.${r.source}`)}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1}>{t("ticketQueue.counter.title")}</Typography.Title>
      <Space wrap>
        {unitCodes.length > 1 && (
          <Select
            aria-label={t("ticketQueue.settings.unit")}
            value={unit}
            onChange={setUnit}
            options={unitCodes.map((c) => ({ value: c, label: c }))}
          />
        )}
        <Select
          aria-label={t("ticketQueue.counter.chooseDesk")}
          placeholder={t("ticketQueue.counter.chooseDesk")}
          style={{ minWidth: 280 }}
          value={desk?.id}
          data-testid="queue-desk-select"
          onChange={(id: string) => {
            localStorage.setItem("motcua.queue.desk", id);
            setDeskId(id);
          }}
          options={active.map((d) => ({ value: d.id, label: d.name }))}
        />
        {unit && (
          <Link to={`/man-hinh/${unit}`} target="_blank">
            {t("ticketQueue.counter.openDisplay")}
          </Link>
        )}
      </Space>
      {desks.data && active.length === 0 && (
        <Alert type="info" showIcon title={t("ticketQueue.counter.noDesks")} />
      )}
      {error !== null && <ProblemAlert error={error} />}
      {notice && <Alert type="info" showIcon title={notice} />}
      {desk && (
        <Card>
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{t("ticketQueue.counter.current")}</Typography.Text>
            <div data-testid="queue-current" data-status={current?.status ?? ""}>
              {current ? (
                <Space size="large" align="baseline">
                  <span style={{ fontSize: 72, fontWeight: 800 }} data-testid="queue-current-number">
                    {current.label}
                  </span>
                  <Tag>{t(`ticketQueue.statuses.${current.status}`)}</Tag>
                  {current.sector && <span>{current.sector}</span>}
                  {current.bookingCode && <Tag color="blue">{current.bookingCode}</Tag>}
                </Space>
              ) : (
                <Typography.Text>{t("ticketQueue.counter.nobody")}</Typography.Text>
              )}
            </div>
            <Space wrap size="middle">
              <Button
                type="primary"
                size="large"
                disabled={busy}
                onClick={handlers.callNext}
                data-testid="queue-call-next"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.callNext"), key: "N" })}
              </Button>
              <Button
                size="large"
                disabled={busy || !can("recall")}
                onClick={handlers.recall}
                data-testid="queue-recall"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.recall"), key: "R" })}
              </Button>
              <Button
                size="large"
                disabled={busy || !can("skip")}
                onClick={handlers.skip}
                data-testid="queue-skip"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.skip"), key: "S" })}
              </Button>
              <Button
                size="large"
                disabled={busy || !can("serve")}
                onClick={handlers.serve}
                data-testid="queue-serve"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.serve"), key: "B" })}
              </Button>
              <Button
                size="large"
                disabled={busy || !can("finish")}
                onClick={handlers.finish}
                data-testid="queue-finish"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.finish"), key: "D" })}
              </Button>
            </Space>
            <Space wrap>
              <Select
                aria-label={t("ticketQueue.counter.transferTo")}
                placeholder={t("ticketQueue.counter.transferTo")}
                style={{ minWidth: 240 }}
                value={target}
                onChange={setTarget}
                options={active.filter((d) => d.id !== desk.id).map((d) => ({ value: d.id, label: d.name }))}
              />
              <Button
                disabled={busy || !can("transfer") || !target}
                onClick={handlers.transfer}
                data-testid="queue-transfer"
              >
                {t("ticketQueue.counter.withKey", { label: t("ticketQueue.counter.transfer"), key: "T" })}
              </Button>
              <Input
                aria-label={t("ticketQueue.counter.dossierCode")}
                placeholder={t("ticketQueue.counter.dossierCode")}
                style={{ width: 320 }}
                value={dossierCode}
                onChange={(e) => setDossierCode(e.target.value)}
                data-testid="queue-dossier-code"
              />
            </Space>
            <Typography.Text type="secondary">{t("ticketQueue.counter.shortcuts")}</Typography.Text>
          </Flex>
        </Card>
      )}
      {unit && (
        <Space wrap>
          <Button
            disabled={busy}
            onClick={() =>
              run(
                () => queueApi.issue(unit, null),
                (r) =>
                  setNotice(
                    t("ticketQueue.counter.issued", { label: (r as { ticket: Ticket }).ticket.label }),
                  ),
              )
            }
          >
            {t("ticketQueue.counter.issue")}
          </Button>
          <Input
            aria-label={t("ticketQueue.kiosk.codeLabel")}
            placeholder={t("ticketQueue.kiosk.codeLabel")}
            style={{ width: 200 }}
            value={bookingCode}
            onChange={(e) => setBookingCode(e.target.value)}
          />
          <Button
            disabled={busy || !bookingCode.trim()}
            onClick={() =>
              run(
                () => queueApi.checkIn(unit, bookingCode.trim().toUpperCase()),
                (r) => {
                  setBookingCode("");
                  setNotice(
                    t("ticketQueue.counter.issued", { label: (r as { ticket: Ticket }).ticket.label }),
                  );
                },
              )
            }
          >
            {t("ticketQueue.counter.checkIn")}
          </Button>
        </Space>
      )}
      {queue.data && (
        <>
          <Typography.Title level={2}>
            {t("ticketQueue.counter.waitingHeading", { count: queue.data.waitingCount })}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={queue.data.waiting}
            locale={{ emptyText: <Empty description={t("ticketQueue.counter.emptyQueue")} /> }}
            data-testid="queue-waiting"
          />
          {queue.data.skipped.length > 0 && (
            <>
              <Typography.Title level={2}>{t("ticketQueue.counter.skippedHeading")}</Typography.Title>
              <Space wrap>
                {queue.data.skipped.map((s) => (
                  <Button
                    key={s.id}
                    disabled={busy || !!current}
                    onClick={() => run(() => queueApi.act(s.id, { action: "recall" }))}
                  >
                    {t("ticketQueue.counter.recall")} {s.label}
                  </Button>
                ))}
              </Space>
            </>
          )}
        </>
      )}
    </Flex>
  );
}
