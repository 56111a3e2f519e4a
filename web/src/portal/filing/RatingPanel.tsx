// After the result is returned: the applicant rates the service once (very satisfied … dissatisfied,
// reasons, a comment) through the ratings routes, then sees a thank-you with their rating. The
// same panel serves the portal (signed-in applicant), the notification's link and the desk's
// tablet: each passes its own `source` (how to read the status and send the rating).
import { Button, Checkbox, Form, Input, Radio, Spin } from "antd";
import { useState } from "react";
import { useIdempotencyKey } from "../../components/idempotency";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useFormSubmit } from "../../components/useFormSubmit";
import { translate, useI18n } from "../../i18n";
import { filing, RATING_LEVELS, type Rating, type RatingLevel } from "./filingApi";

const REASONS = ["attitude", "time", "guidance", "procedure", "result"] as const;
type Reason = (typeof REASONS)[number];

interface RatingValues {
  level?: RatingLevel;
  reasons?: Reason[];
  comment?: string;
}

function Thanks({ rating }: { rating: Rating }) {
  const { t } = useI18n();
  return (
    <div role="status" data-testid="rating-thanks" data-level={rating.level}>
      <p className="rating-thanks__title">{t("filing.rating.thanks")}</p>
      <p>{t("filing.rating.yours", { level: t(`filing.rating.level.${rating.level}`) })}</p>
    </div>
  );
}

export type RatingBody = { level: RatingLevel; reasons: string[]; comment?: string };
export interface RatingSource {
  /** Cache key of the status query. */
  key: string;
  status: (signal?: AbortSignal) => Promise<{ rating: Rating | null; canRate: boolean }>;
  rate: (body: RatingBody, idempotencyKey: string) => Promise<{ rating: Rating }>;
}

/** The signed-in applicant's own dossier (/api/portal/dossiers/:id/rating). */
export const portalRatingSource = (dossierId: string): RatingSource => ({
  key: `rating:${dossierId}`,
  status: (signal) => filing.rating(dossierId, signal),
  rate: (body, key) => filing.rate(dossierId, body, key),
});

export function RatingPanel({ dossierId, source }: { dossierId?: string; source?: RatingSource }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RatingValues>();
  const [rated, setRated] = useState<Rating | null>(null);
  const key = useIdempotencyKey();
  const src = source ?? portalRatingSource(dossierId ?? "");
  const status = useApiQuery(src.key, (signal) => src.status(signal));
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    ["level", "reasons", "comment"],
    (values: RatingValues) =>
      src.rate(
        {
          level: values.level!,
          // Reasons are stored in Vietnamese whatever the page's language (reports read them).
          reasons: (values.reasons ?? []).map((r) => translate("vi", `filing.rating.reason.${r}`)),
          ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        },
        key.current(),
      ),
    (result) => setRated(result.rating),
  );
  const shown = rated ?? status.data?.rating ?? null;
  if (!shown && status.data && !status.data.canRate) return null;

  return (
    <Panel title={t("filing.rating.heading")} className="rating-panel">
      <div aria-live="polite">
        <ProblemAlert error={status.error} onRetry={status.reload} />
        {status.loading && !status.data && <Spin description={t("app.loading")} />}
        {shown && <Thanks rating={shown} />}
      </div>
      {!shown && status.data?.canRate && (
        <Form<RatingValues>
          form={form}
          name="rating"
          layout="vertical"
          onFinish={onFinish}
          onValuesChange={() => key.reset()}
          data-testid="rating-form"
        >
          <p>{t("filing.rating.intro")}</p>
          <ProblemAlert error={error} fields={["level", "reasons", "comment"]} />
          <Form.Item
            name="level"
            label={t("filing.rating.levelLabel")}
            rules={[{ required: true, message: t("filing.rating.levelRequired") }]}
          >
            <Radio.Group
              name="rating-level"
              className="rating-levels"
              data-testid="rating-level"
              options={RATING_LEVELS.map((value) => ({ value, label: t(`filing.rating.level.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="reasons" label={t("filing.rating.reasonsLabel")}>
            <Checkbox.Group
              className="rating-reasons"
              data-testid="rating-reasons"
              options={REASONS.map((value) => ({ value, label: t(`filing.rating.reason.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t("filing.rating.comment")}>
            <Input.TextArea
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              data-testid="rating-comment"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="rating-submit">
            {t("filing.rating.submit")}
          </Button>
        </Form>
      )}
    </Panel>
  );
}
