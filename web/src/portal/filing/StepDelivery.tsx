// Step "fee and result": the fee from the procedure record, the channel (fully or partly online,
// as the procedure allows) and how the result is delivered (desk, post with an address, online).
import { Form, Input, Radio } from "antd";
import { type ProcedureRecord, RESULT_DELIVERIES } from "../../api/types";
import { formatFeeAmount } from "../../components/catalogFormat";
import { useI18n } from "../../i18n";
import { onlineChannels } from "./wizardModel";

export function FeeList({ procedure }: { procedure: ProcedureRecord }) {
  const { lang, t } = useI18n();
  if (procedure.fees.length === 0) return <p data-testid="filing-fees">{t("procedure.noFees")}</p>;
  return (
    <ul className="filing-fees" data-testid="filing-fees">
      {procedure.fees.map((fee) => (
        <li key={fee.name}>
          <strong>{fee.name}</strong>: {formatFeeAmount(fee, lang, t)}
          {fee.note && <span className="filing-fees__note"> ({fee.note})</span>}
        </li>
      ))}
    </ul>
  );
}

export function StepDelivery({ procedure }: { procedure: ProcedureRecord }) {
  const { t } = useI18n();
  const channels = onlineChannels(procedure);
  return (
    <>
      <section className="filing-section" aria-labelledby="filing-fee-heading">
        <h3 id="filing-fee-heading" className="filing-section__title">
          {t("filing.delivery.feeHeading")}
        </h3>
        <FeeList procedure={procedure} />
        <p className="text-secondary">{t("filing.delivery.feeHint")}</p>
      </section>
      <Form.Item name="channel" label={t("filing.delivery.channel")} extra={t("filing.delivery.channelHint")}>
        <Radio.Group
          name="filing-channel"
          className="filing-radios"
          data-testid="filing-channel"
          options={channels.map((value) => ({ value, label: t(`filing.channel.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="resultDelivery" label={t("filing.delivery.resultDelivery")}>
        <Radio.Group
          name="filing-result-delivery"
          className="filing-radios"
          data-testid="filing-result-delivery"
          options={RESULT_DELIVERIES.map((value) => ({ value, label: t(`filing.resultDelivery.${value}`) }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={["resultDelivery"]}>
        {({ getFieldValue }) =>
          getFieldValue("resultDelivery") === "postal" ? (
            <Form.Item
              name="postalAddress"
              label={t("filing.delivery.postalAddress")}
              extra={t("filing.delivery.postalAddressHint")}
              rules={[
                { required: true, whitespace: true, message: t("filing.delivery.postalAddressRequired") },
              ]}
            >
              <Input.TextArea
                maxLength={500}
                autoSize={{ minRows: 2, maxRows: 4 }}
                autoComplete="street-address"
                data-testid="filing-postal-address"
              />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}
