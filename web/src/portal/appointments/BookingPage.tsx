// /dat-lich (?unit=CODE&procedure=CODE from a procedure page): book a visit to a one-stop desk
// without signing in: unit → day → time → name and phone → the booking code, the .ics file and
// the link to manage it. The server decides (seats, limits, opening hours); its field errors land
// next to the fields.
import { Button, Form, Input, Radio, Select, Spin } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  type PublicBooking,
  type PublicSlot,
  publicAppointments,
  vnClock,
  vnDay,
} from "../../appointments/appointmentsApi";
import { useIdempotencyKey } from "../../components/idempotency";
import { UnitContacts } from "../../components/lite/UnitContacts";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "./appointments.css";

type Fields = { fullName: string; phone: string; email?: string };
const FORM_FIELDS = ["fullName", "phone", "email"];

/** Slots grouped by day, in order. */
export function byDay(slots: PublicSlot[]): [string, PublicSlot[]][] {
  const days = new Map<string, PublicSlot[]>();
  for (const s of slots) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  return [...days];
}

/** The day and time choice: days as buttons, then the day's times with the seats left. */
export function SlotPicker({
  slots,
  value,
  onChange,
}: {
  slots: PublicSlot[];
  value: string | undefined;
  onChange: (slotId: string) => void;
}) {
  const { t } = useI18n();
  const days = useMemo(() => byDay(slots), [slots]);
  const [day, setDay] = useState<string | undefined>(undefined);
  const current = day ?? days[0]?.[0];
  if (days.length === 0) return <p data-testid="no-slots">{t("appointments.book.noSlots")}</p>;
  return (
    <div className="appt-picker">
      <h3 className="appt-picker__label" id="appt-day-label">
        {t("appointments.book.day")}
      </h3>
      <Radio.Group
        aria-labelledby="appt-day-label"
        optionType="button"
        value={current}
        onChange={(e) => setDay(e.target.value)}
        options={days.map(([d]) => ({ value: d, label: vnDay(d) }))}
        data-testid="appt-days"
      />
      <h3 className="appt-picker__label" id="appt-slot-label">
        {t("appointments.book.slot")}
      </h3>
      <Radio.Group
        aria-labelledby="appt-slot-label"
        optionType="button"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="appt-slots"
        options={(days.find(([d]) => d === current)?.[1] ?? []).map((s) => ({
          value: s.id,
          disabled: s.available <= 0,
          label: `${vnClock(s.startsAt)}–${vnClock(s.endsAt)} · ${
            s.available > 0
              ? t("appointments.book.seatsLeft", { n: s.available })
              : t("appointments.book.full")
          }`,
        }))}
      />
    </div>
  );
}

function Confirmation({ booking }: { booking: PublicBooking }) {
  const { t } = useI18n();
  return (
    <Panel title={t("appointments.done.title")} className="appt-done">
      <p>{t("appointments.done.code")}</p>
      <p className="appt-code" data-testid="appt-code">
        {booking.code}
      </p>
      <p>
        {vnDay(dayOf(booking.startsAt))} {vnClock(booking.startsAt)}–{vnClock(booking.endsAt)} ·{" "}
        {booking.unit.name}
      </p>
      <p>{t("appointments.done.keep")}</p>
      <p className="appt-actions">
        <a href={booking.calendarUrl} download data-testid="appt-ics">
          {t("appointments.done.ics")}
        </a>
        <Link to={`/dat-lich/${booking.code}`}>{t("appointments.done.manage")}</Link>
      </p>
    </Panel>
  );
}

/** Vietnam day of an instant, "YYYY-MM-DD". */
export const dayOf = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

export default function BookingPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t("appointments.book.title"));
  const [params, setParams] = useSearchParams();
  const unit = params.get("unit") ?? undefined;
  const procedure = params.get("procedure") ?? undefined;
  const units = useApiQuery("appt-units", (signal) => publicAppointments.units(signal));
  const slots = useApiQuery(unit ? `appt-slots:${unit}:${procedure ?? ""}` : null, (signal) =>
    publicAppointments.slots(unit!, procedure, signal),
  );
  const [slotId, setSlotId] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState<PublicBooking>();
  const [form] = Form.useForm<Fields>();
  const key = useIdempotencyKey();

  useEffect(() => {
    const only = units.data?.items.length === 1 ? units.data.items[0]!.code : undefined;
    if (!unit && only) setParams(procedure ? { unit: only, procedure } : { unit: only }, { replace: true });
  }, [unit, procedure, units.data, setParams]);
  useEffect(() => {
    if (error) applyFieldErrors(form, error, lang, FORM_FIELDS, true);
  }, [lang, error, form]);

  const submit = async (values: Fields) => {
    if (!slotId) return;
    setBusy(true);
    setError(null);
    try {
      const done = await publicAppointments.book(
        {
          slotId,
          fullName: values.fullName,
          phone: values.phone,
          email: values.email || null,
          ...(procedure ? { procedureCode: procedure } : {}),
          locale: lang,
        },
        key.current(),
      );
      key.reset();
      setBooking(done);
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, lang, FORM_FIELDS);
      slots.reload();
    } finally {
      setBusy(false);
    }
  };

  if (booking)
    return (
      <div className="appt-page" data-testid="appt-booking-page">
        <h1 className="page-title">{t("appointments.book.title")}</h1>
        <Confirmation booking={booking} />
        {unit && <UnitContacts unitCode={unit} />}
      </div>
    );

  const rules = slots.data?.rules;
  const chosen = slots.data?.items.find((s) => s.id === slotId);
  return (
    <div className="appt-page" data-testid="appt-booking-page">
      <h1 className="page-title">{t("appointments.book.title")}</h1>
      <p>{t("appointments.book.intro")}</p>
      <Panel title={t("appointments.book.unit")}>
        {units.data && units.data.items.length === 0 && <p>{t("appointments.book.noUnits")}</p>}
        <Select
          aria-label={t("appointments.book.unit")}
          className="appt-unit"
          placeholder={t("appointments.book.unitPlaceholder")}
          loading={units.loading}
          value={unit}
          onChange={(code: string) => {
            setSlotId(undefined);
            setParams(procedure ? { unit: code, procedure } : { unit: code });
          }}
          options={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))}
          data-testid="appt-unit"
        />
        <p className="text-secondary">
          {slots.data?.procedure
            ? t("appointments.book.procedure", { name: slots.data.procedure.name })
            : t("appointments.book.anyService")}
        </p>
        {rules && (
          <p className="text-secondary">
            {t("appointments.book.rules", {
              lead: rules.minLeadMinutes,
              days: rules.bookDaysAhead,
              perDay: rules.perPersonPerDay,
            })}
          </p>
        )}
      </Panel>
      {unit && <UnitContacts unitCode={unit} />}
      <ProblemAlert error={units.error ?? slots.error} onRetry={slots.reload} />
      {unit && slots.loading && !slots.data && <Spin description={t("app.loading")} />}
      {slots.data && (
        <Panel title={t("appointments.book.slot")}>
          <SlotPicker slots={slots.data.items} value={slotId} onChange={setSlotId} />
        </Panel>
      )}
      {chosen && (
        <Panel title={t("appointments.book.details")}>
          <p data-testid="appt-chosen">
            {t("appointments.book.chosen", {
              when: `${vnDay(chosen.day)} ${vnClock(chosen.startsAt)}–${vnClock(chosen.endsAt)}`,
            })}
          </p>
          <Form form={form} layout="vertical" onFinish={submit} requiredMark className="appt-form">
            <Form.Item
              name="fullName"
              label={t("appointments.book.fullName")}
              rules={[{ required: true, message: t("appointments.book.required") }]}
            >
              <Input autoComplete="name" data-testid="appt-name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t("appointments.book.phone")}
              extra={t("appointments.book.phoneHelp")}
              rules={[{ required: true, message: t("appointments.book.required") }]}
            >
              <Input inputMode="tel" autoComplete="tel" data-testid="appt-phone" />
            </Form.Item>
            <Form.Item
              name="email"
              label={t("appointments.book.email")}
              extra={t("appointments.book.emailHelp")}
            >
              <Input type="email" autoComplete="email" data-testid="appt-email" />
            </Form.Item>
            <ProblemAlert error={error} fields={FORM_FIELDS} />
            <Button type="primary" htmlType="submit" loading={busy} data-testid="appt-submit">
              {t("appointments.book.submit")}
            </Button>
          </Form>
        </Panel>
      )}
    </div>
  );
}
