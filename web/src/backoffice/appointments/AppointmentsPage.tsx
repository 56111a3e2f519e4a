// /admin/lich-hen: a unit's appointments for its desk (appointment.manage): the day's bookings
// (search, no-show), the slots (publish from the working calendar, withdraw), the booking rules
// and the figures (no-shows, lead time; a chart per day with its data table).
import {
  Button,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import {
  type AppointmentStatus,
  appointmentsAdmin,
  type Booking,
  type PublishBody,
  type Rules,
  type Slot,
  vnClock,
  vnDay,
  vnToday,
} from "../../appointments/appointmentsApi";
import { DateInput } from "../../components/DateInput";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { Chart } from "../dashboard/Chart";
import { useSession } from "../session";

const MANAGERS = new Set(["receptionist", "unit_admin", "system_admin"]);
const STATUSES: AppointmentStatus[] = ["booked", "cancelled", "checked_in", "served", "no_show"];

function BookingsTab({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [day, setDay] = useState(vnToday());
  const [status, setStatus] = useState<string>();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const list = useApiQuery(
    `appt-bookings:${unit}:${day}:${status ?? ""}:${search}:${page}`,
    (signal) =>
      appointmentsAdmin.bookings({ unit, day, status, q: search || undefined, page, pageSize: 50 }, signal),
    { keepPrevious: true },
  );
  const service = (b: Booking) => b.procedure?.name ?? b.sector ?? t("appointments.admin.anyService");
  return (
    <>
      <Space wrap align="end">
        <DateInput
          label={t("appointments.admin.day")}
          value={day}
          onChange={(v) => {
            setDay(v);
            setPage(1);
          }}
          testId="appt-admin-day"
        />
        <Select
          aria-label={t("appointments.admin.status")}
          allowClear
          placeholder={t("appointments.admin.allStatuses")}
          style={{ width: 180 }}
          value={status}
          onChange={(v?: string) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`appointments.statuses.${s}`) }))}
        />
        <Input.Search
          aria-label={t("appointments.admin.search")}
          placeholder={t("appointments.admin.search")}
          allowClear
          onSearch={(v) => {
            setSearch(v.trim());
            setPage(1);
          }}
          style={{ width: 300 }}
          data-testid="appt-admin-search"
        />
      </Space>
      <ProblemAlert error={list.error ?? error} onRetry={list.reload} />
      <Table<Booking>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="appt-admin-bookings"
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t("appointments.admin.time"),
            key: "time",
            render: (_, b) => `${vnClock(b.startsAt)}–${vnClock(b.endsAt)}`,
          },
          { title: t("appointments.admin.code"), dataIndex: "code", key: "code" },
          { title: t("appointments.admin.name"), dataIndex: "fullName", key: "name" },
          { title: t("appointments.admin.phone"), dataIndex: "phone", key: "phone" },
          { title: t("appointments.admin.service"), key: "service", render: (_, b) => service(b) },
          {
            title: t("appointments.admin.status"),
            key: "status",
            render: (_, b) => <Tag>{t(`appointments.statuses.${b.status}`)}</Tag>,
          },
          {
            title: "",
            key: "actions",
            render: (_, b) =>
              b.status === "booked" && Date.parse(b.startsAt) <= Date.now() ? (
                <Button
                  size="small"
                  onClick={async () => {
                    setError(null);
                    try {
                      await appointmentsAdmin.noShow(b.id);
                      list.reload();
                    } catch (err) {
                      setError(err);
                    }
                  }}
                >
                  {t("appointments.admin.noShow")}
                </Button>
              ) : null,
          },
        ]}
      />
      <p>{t("appointments.admin.total", { n: list.data?.total ?? 0 })}</p>
    </>
  );
}

type PublishFields = {
  from: string;
  to: string;
  capacity: number;
  sector?: string;
  procedureCode?: string;
  start?: string;
  end?: string;
};
const PUBLISH_FIELDS = [
  "from",
  "to",
  "capacity",
  "sector",
  "procedureCode",
  "within",
  "within.start",
  "within.end",
];

function SlotsTab({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(vnToday());
  const [to, setTo] = useState(vnToday(13));
  const [form] = Form.useForm<PublishFields>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ created: number; skipped: number }>();
  const slots = useApiQuery(
    `appt-slots:${unit}:${from}:${to}`,
    (signal) => appointmentsAdmin.slots(unit, from, to, signal),
    {
      keepPrevious: true,
    },
  );
  const publish = async (v: PublishFields) => {
    setError(null);
    setDone(undefined);
    const body: PublishBody = {
      unit,
      from: v.from,
      to: v.to,
      capacity: v.capacity,
      ...(v.sector ? { sector: v.sector } : {}),
      ...(v.procedureCode ? { procedureCode: v.procedureCode } : {}),
      ...(v.start && v.end ? { within: { start: v.start, end: v.end } } : {}),
    };
    try {
      setDone(await appointmentsAdmin.publish(body));
      slots.reload();
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, lang, PUBLISH_FIELDS);
    }
  };
  return (
    <>
      <p className="text-secondary">{t("appointments.admin.publishHint")}</p>
      <Form
        form={form}
        layout="inline"
        onFinish={publish}
        initialValues={{ from: vnToday(1), to: vnToday(14), capacity: 2 }}
        data-testid="appt-publish-form"
      >
        <Form.Item name="from" label={t("appointments.admin.from")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t("appointments.admin.to")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="capacity" label={t("appointments.admin.capacity")} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} />
        </Form.Item>
        <Form.Item name="sector" label={t("appointments.admin.sector")}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="procedureCode" label={t("appointments.admin.procedureCode")}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="start" label={t("appointments.admin.withinStart")}>
          <Input type="time" />
        </Form.Item>
        <Form.Item name="end" label={t("appointments.admin.withinEnd")}>
          <Input type="time" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="appt-publish">
          {t("appointments.admin.publish")}
        </Button>
      </Form>
      <ProblemAlert error={error} fields={PUBLISH_FIELDS} />
      {done && <p role="status">{t("appointments.admin.published", done)}</p>}
      <Space wrap align="end" style={{ marginTop: 16 }}>
        <DateInput
          label={t("appointments.admin.from")}
          value={from}
          onChange={setFrom}
          testId="appt-slots-from"
        />
        <DateInput label={t("appointments.admin.to")} value={to} onChange={setTo} testId="appt-slots-to" />
      </Space>
      <ProblemAlert error={slots.error} onRetry={slots.reload} />
      <Table<Slot>
        rowKey="id"
        size="small"
        loading={slots.loading}
        dataSource={slots.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t("appointments.admin.day"), key: "day", render: (_, s) => vnDay(s.day) },
          {
            title: t("appointments.admin.time"),
            key: "time",
            render: (_, s) => `${vnClock(s.startsAt)}–${vnClock(s.endsAt)}`,
          },
          {
            title: t("appointments.admin.service"),
            key: "service",
            render: (_, s) => s.procedure?.name ?? s.sector ?? t("appointments.admin.anyService"),
          },
          {
            title: t("appointments.admin.seats"),
            key: "seats",
            render: (_, s) => `${s.booked} / ${s.capacity}`,
          },
          {
            title: "",
            key: "actions",
            render: (_, s) =>
              s.withdrawnAt ? (
                <Tag>{t("appointments.admin.withdrawn")}</Tag>
              ) : (
                <Button
                  size="small"
                  onClick={async () => {
                    try {
                      await appointmentsAdmin.withdraw(s.id);
                      slots.reload();
                    } catch (err) {
                      setError(err);
                    }
                  }}
                >
                  {t("appointments.admin.withdraw")}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

type RuleFields = Omit<Rules, "saturdayMorning"> & { saturday: boolean; satStart: string; satEnd: string };

function RulesTab({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<RuleFields>();
  const rules = useApiQuery(`appt-rules:${unit}`, (signal) => appointmentsAdmin.rules(unit, signal));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const saturday = Form.useWatch("saturday", form);
  useEffect(() => {
    const r = rules.data?.rules;
    if (!r) return;
    form.setFieldsValue({
      ...r,
      saturday: r.saturdayMorning !== null,
      satStart: r.saturdayMorning?.start ?? "07:30",
      satEnd: r.saturdayMorning?.end ?? "11:30",
    });
  }, [rules.data, form]);
  const numbers: [Exclude<keyof Rules, "saturdayMorning">, number, number][] = [
    ["slotMinutes", 5, 240],
    ["bookDaysAhead", 1, 365],
    ["minLeadMinutes", 0, 10080],
    ["cancelMinutesBefore", 0, 10080],
    ["perPersonPerDay", 1, 20],
  ];
  return (
    <>
      <ProblemAlert
        error={rules.error ?? error}
        fields={[...numbers.map((n) => n[0]), "saturdayMorning.start", "saturdayMorning.end"]}
      />
      {rules.data && !rules.data.stored && <p>{t("appointments.admin.rules.defaults")}</p>}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={async (v) => {
          setError(null);
          setSaved(false);
          const body: Rules = {
            slotMinutes: v.slotMinutes,
            bookDaysAhead: v.bookDaysAhead,
            minLeadMinutes: v.minLeadMinutes,
            cancelMinutesBefore: v.cancelMinutesBefore,
            perPersonPerDay: v.perPersonPerDay,
            saturdayMorning: v.saturday ? { start: v.satStart, end: v.satEnd } : null,
          };
          try {
            await appointmentsAdmin.saveRules(unit, body);
            setSaved(true);
            rules.reload();
          } catch (err) {
            setError(err);
            applyFieldErrors(
              form,
              err,
              lang,
              numbers.map((n) => n[0]),
            );
          }
        }}
      >
        {numbers.map(([name, min, max]) => (
          <Form.Item
            key={name}
            name={name}
            label={t(`appointments.admin.rules.${name}`)}
            rules={[{ required: true }]}
          >
            <InputNumber min={min} max={max} />
          </Form.Item>
        ))}
        <Form.Item name="saturday" valuePropName="checked">
          <Checkbox>{t("appointments.admin.rules.saturday")}</Checkbox>
        </Form.Item>
        {saturday && (
          <Space>
            <Form.Item name="satStart" label={t("appointments.admin.rules.saturdayStart")}>
              <Input type="time" />
            </Form.Item>
            <Form.Item name="satEnd" label={t("appointments.admin.rules.saturdayEnd")}>
              <Input type="time" />
            </Form.Item>
          </Space>
        )}
        <Button type="primary" htmlType="submit" data-testid="appt-rules-save">
          {t("appointments.admin.rules.save")}
        </Button>
        {saved && <p role="status">{t("appointments.admin.rules.saved")}</p>}
      </Form>
    </>
  );
}

function StatsTab({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(vnToday(-29));
  const [to, setTo] = useState(vnToday(14));
  const stats = useApiQuery(`appt-stats:${unit}:${from}:${to}`, (signal) =>
    appointmentsAdmin.stats(unit, from, to, signal),
  );
  const s = stats.data;
  const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);
  const hours = (h: number | null) => (h === null ? "—" : String(h));
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: {},
      grid: { left: 40, right: 16, bottom: 40, top: 40 },
      xAxis: { type: "category", data: (s?.days ?? []).map((d) => vnDay(d.day).slice(0, 5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: t("appointments.admin.stats.bookings"),
          type: "bar",
          data: (s?.days ?? []).map((d) => d.bookings),
        },
        {
          name: t("appointments.admin.stats.noShow"),
          type: "bar",
          data: (s?.days ?? []).map((d) => d.noShow),
        },
      ],
    }),
    [s, t],
  );
  return (
    <>
      <Space wrap align="end">
        <DateInput
          label={t("appointments.admin.from")}
          value={from}
          onChange={setFrom}
          testId="appt-stats-from"
        />
        <DateInput label={t("appointments.admin.to")} value={to} onChange={setTo} testId="appt-stats-to" />
      </Space>
      <ProblemAlert error={stats.error} onRetry={stats.reload} />
      {s && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 4 }}
            data-testid="appt-stats"
            items={[
              { key: "b", label: t("appointments.admin.stats.bookings"), children: s.total.bookings },
              { key: "c", label: t("appointments.admin.stats.cancelled"), children: s.total.cancelled },
              { key: "r", label: t("appointments.admin.stats.rescheduled"), children: s.total.rescheduled },
              { key: "a", label: t("appointments.admin.stats.attended"), children: s.total.attended },
              { key: "n", label: t("appointments.admin.stats.noShow"), children: s.total.noShow },
              {
                key: "nr",
                label: t("appointments.admin.stats.noShowRate"),
                children: pct(s.total.noShowRate),
              },
              {
                key: "lm",
                label: t("appointments.admin.stats.leadMedian"),
                children: hours(s.total.leadTimeHours.median),
              },
              {
                key: "lp",
                label: t("appointments.admin.stats.leadP90"),
                children: hours(s.total.leadTimeHours.p90),
              },
            ]}
          />
          <Chart
            title={t("appointments.admin.stats.chart")}
            option={option}
            testId="appt-stats-chart"
            table={{
              caption: t("appointments.admin.stats.chart"),
              columns: [
                t("appointments.admin.day"),
                t("appointments.admin.stats.bookings"),
                t("appointments.admin.stats.noShow"),
              ],
              rows: s.days.map((d) => [vnDay(d.day), d.bookings, d.noShow]),
            }}
          />
          <Table
            rowKey={(r) => r.sector ?? ""}
            size="small"
            pagination={false}
            dataSource={s.sectors}
            caption={t("appointments.admin.stats.sectors")}
            columns={[
              {
                title: t("appointments.admin.stats.sector"),
                key: "sector",
                render: (_, r) => r.sector ?? t("appointments.admin.anyService"),
              },
              { title: t("appointments.admin.stats.bookings"), dataIndex: "bookings", key: "bookings" },
              { title: t("appointments.admin.stats.cancelled"), dataIndex: "cancelled", key: "cancelled" },
              { title: t("appointments.admin.stats.noShow"), dataIndex: "noShow", key: "noShow" },
              {
                title: t("appointments.admin.stats.noShowRate"),
                key: "rate",
                render: (_, r) => pct(r.noShowRate),
              },
              {
                title: t("appointments.admin.stats.leadMedian"),
                key: "lead",
                render: (_, r) => hours(r.leadTimeHours.median),
              },
            ]}
          />
        </Flex>
      )}
    </>
  );
}

export default function AppointmentsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("appointments.admin.title"));
  const { me } = useSession();
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles)
      if (MANAGERS.has(r.role) && !seen.has(r.unitCode)) seen.set(r.unitCode, r.unitName);
    return [...seen].map(([value, name]) => ({ value, label: `${name} (${value})` }));
  }, [me.roles]);
  const [unit, setUnit] = useState(units[0]?.value);
  return (
    <div data-testid="appt-admin-page">
      <h1 className="page-title">{t("appointments.admin.title")}</h1>
      <Space align="center" style={{ marginBottom: 16 }}>
        <span className="field-label">{t("appointments.admin.unit")}</span>
        <Select
          aria-label={t("appointments.admin.unit")}
          style={{ minWidth: 320 }}
          value={unit}
          onChange={setUnit}
          options={units}
          data-testid="appt-admin-unit"
        />
      </Space>
      {unit && (
        <Tabs
          key={unit}
          items={[
            {
              key: "bookings",
              label: t("appointments.admin.tabs.bookings"),
              children: <BookingsTab unit={unit} />,
            },
            { key: "slots", label: t("appointments.admin.tabs.slots"), children: <SlotsTab unit={unit} /> },
            { key: "rules", label: t("appointments.admin.tabs.rules"), children: <RulesTab unit={unit} /> },
            { key: "stats", label: t("appointments.admin.tabs.stats"), children: <StatsTab unit={unit} /> },
          ]}
        />
      )}
    </div>
  );
}
