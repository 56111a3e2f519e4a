// /dat-lich/:code: a booking, shown once the phone number it was made with is given (personal
// data masked by the server); cancel it, or move it to another time (the old booking is
// cancelled and the new one linked to it, in one step on the server).
import { Button, Descriptions, Form, Input, Popconfirm } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { type PublicBooking, publicAppointments, vnClock, vnDay } from "../../appointments/appointmentsApi";
import { formatVnDateTime } from "../../components/dossierFormat";
import { useIdempotencyKey } from "../../components/idempotency";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { dayOf, SlotPicker } from "./BookingPage";
import "./appointments.css";

function Reschedule({
  booking,
  phone,
  onMoved,
}: {
  booking: PublicBooking;
  phone: string;
  onMoved: (b: PublicBooking) => void;
}) {
  const { t } = useI18n();
  const slots = useApiQuery(`appt-move:${booking.code}`, (signal) =>
    publicAppointments.slots(booking.unit.code, booking.procedure?.code, signal),
  );
  const [slotId, setSlotId] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const key = useIdempotencyKey();
  return (
    <Panel title={t("appointments.manage.reschedule")}>
      <ProblemAlert error={slots.error ?? error} />
      {slots.data && (
        <SlotPicker
          slots={slots.data.items.filter((s) => s.startsAt !== booking.startsAt)}
          value={slotId}
          onChange={setSlotId}
        />
      )}
      <Button
        type="primary"
        disabled={!slotId}
        data-testid="appt-move"
        onClick={async () => {
          setError(null);
          try {
            const moved = await publicAppointments.reschedule(booking.code, phone, slotId!, key.current());
            key.reset();
            onMoved(moved);
          } catch (err) {
            setError(err);
            slots.reload();
          }
        }}
      >
        {t("appointments.manage.rescheduleSubmit")}
      </Button>
    </Panel>
  );
}

export default function ManageBookingPage() {
  const { t } = useI18n();
  const code = (useParams().code ?? "").trim().toUpperCase();
  const navigate = useNavigate();
  useDocumentTitle(t("appointments.manage.title", { code }));
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [moving, setMoving] = useState(false);
  const view = useApiQuery(phone ? `appt-view:${code}:${phone}` : null, (signal) =>
    publicAppointments.view(code, phone!, signal),
  );
  const booking = view.data;
  const missing = view.error instanceof ApiError && [400, 404].includes(view.error.status);

  return (
    <div className="appt-page" data-testid="appt-manage-page">
      <h1 className="page-title">{t("appointments.manage.title", { code })}</h1>
      <Panel title={t("appointments.manage.phonePrompt")}>
        <Form layout="inline" onFinish={(v: { phone: string }) => setPhone(v.phone.trim())}>
          <Form.Item
            name="phone"
            label={t("appointments.book.phone")}
            rules={[{ required: true, message: t("appointments.book.required") }]}
          >
            <Input inputMode="tel" autoComplete="tel" data-testid="appt-manage-phone" />
          </Form.Item>
          <Button htmlType="submit" type="primary" data-testid="appt-manage-show">
            {t("appointments.manage.show")}
          </Button>
        </Form>
      </Panel>
      {missing && <p role="status">{t("appointments.manage.notFound")}</p>}
      {!missing && <ProblemAlert error={view.error} />}
      {booking && (
        <Panel title={booking.code}>
          <Descriptions
            column={1}
            size="small"
            bordered
            data-testid="appt-manage-details"
            items={[
              {
                key: "status",
                label: t("appointments.manage.status"),
                children: (
                  <strong data-testid="appt-status">{t(`appointments.statuses.${booking.status}`)}</strong>
                ),
              },
              {
                key: "when",
                label: t("appointments.manage.when"),
                children: `${vnDay(dayOf(booking.startsAt))} ${vnClock(booking.startsAt)}–${vnClock(booking.endsAt)}`,
              },
              { key: "where", label: t("appointments.manage.where"), children: booking.unit.name },
              {
                key: "service",
                label: t("appointments.manage.service"),
                children: booking.procedure?.name ?? booking.sector ?? t("appointments.book.anyService"),
              },
              { key: "name", label: t("appointments.manage.name"), children: booking.fullName },
            ]}
          />
          {booking.rescheduledFrom && (
            <p>{t("appointments.manage.replaced", { code: booking.rescheduledFrom })}</p>
          )}
          <p>
            {booking.canChange
              ? t("appointments.manage.changeUntil", { at: formatVnDateTime(booking.changeUntil) })
              : t("appointments.manage.noChange")}
          </p>
          <ProblemAlert error={error} />
          {booking.canChange && (
            <p className="appt-actions">
              <a href={booking.calendarUrl} download>
                {t("appointments.done.ics")}
              </a>
              <Button onClick={() => setMoving(true)} data-testid="appt-reschedule">
                {t("appointments.manage.reschedule")}
              </Button>
              <Popconfirm
                title={t("appointments.manage.cancelConfirm")}
                okText={t("appointments.manage.yes")}
                cancelText={t("appointments.manage.no")}
                onConfirm={async () => {
                  setError(null);
                  try {
                    await publicAppointments.cancel(booking.code, phone!);
                    view.reload();
                  } catch (err) {
                    setError(err);
                  }
                }}
              >
                <Button danger data-testid="appt-cancel">
                  {t("appointments.manage.cancel")}
                </Button>
              </Popconfirm>
            </p>
          )}
        </Panel>
      )}
      {booking?.canChange && moving && phone && (
        <Reschedule
          booking={booking}
          phone={phone}
          onMoved={(moved) => {
            setMoving(false);
            navigate(`/dat-lich/${moved.code}`, { replace: false });
          }}
        />
      )}
    </div>
  );
}
