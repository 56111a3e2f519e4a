// The unit's dossier tracking book (sổ theo dõi hồ sơ) for a period, as a PDF in a new tab.
import { FilePdfOutlined } from "@ant-design/icons";
import { Button, Card, Input } from "antd";
import { useId, useState } from "react";
import { dossiers } from "../../api/endpoints";
import { vietnamToday } from "../../components/dossierFormat";
import { useI18n } from "../../i18n";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function TrackingBook({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const fromId = useId();
  const toId = useId();
  const today = vietnamToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const valid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  return (
    <Card className="section-card" title={<h2 className="card-heading">{t("queue.bookHeading")}</h2>}>
      <div className="picker-row book-row">
        <div className="picker-field picker-field--narrow">
          <label htmlFor={fromId} className="field-label">
            {t("queue.bookFrom")}
          </label>
          <Input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="picker-field picker-field--narrow">
          <label htmlFor={toId} className="field-label">
            {t("queue.bookTo")}
          </label>
          <Input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <Button
          className="book-row__link"
          icon={<FilePdfOutlined aria-hidden />}
          href={valid ? dossiers.bookUrl(unitId, from, to) : undefined}
          disabled={!valid}
          target="_blank"
          rel="noopener"
          data-testid="queue-book"
        >
          {t("queue.book")}
        </Button>
      </div>
    </Card>
  );
}
