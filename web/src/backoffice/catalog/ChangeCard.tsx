// One change of a decision: added (an empty record to fill), amended (look the procedure up and
// edit the record loaded from the catalog) or abolished (just the code, checked against the catalog).
import { CloudDownloadOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Radio, Space } from "antd";
import { useEffect, useState } from "react";
import { catalog } from "../../api/endpoints";
import { CHANGE_KINDS, type ChangeKind } from "../../api/types";
import { PROCEDURE_CODE } from "../../components/catalogFormat";
import { problemText } from "../../components/problem";
import { formatDate, useI18n } from "../../i18n";
import { emptyRecord, toRecordValues } from "./publishValues";
import { RecordFields } from "./RecordFields";

interface Props {
  /** The change's name in the changes Form.List. */
  name: number;
  index: number;
  onRemove?: () => void;
  sectorListId: string;
}

type Found = { code: string; name: string; version: number; effectiveFrom: string; loaded: boolean };

export function ChangeCard({ name, index, onRemove, sectorListId }: Props) {
  const { lang, t } = useI18n();
  const form = Form.useFormInstance();
  const watched: ChangeKind | undefined = Form.useWatch(["changes", name, "change"]);
  // useWatch catches up a render after the radio: the kind just picked holds until it does, so
  // the code field is rebound in the same render as the radio shows the choice.
  const [picked, setPicked] = useState<ChangeKind | null>(null);
  useEffect(() => setPicked(null), [watched]);
  const change = picked ?? watched;
  const [looking, setLooking] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const testId = `change-${index}`;
  const codePath = change === "abolished" ? ["changes", name, "code"] : ["changes", name, "record", "code"];

  const codeRules = [
    { required: true, whitespace: true, message: t("publish.codeRequired") },
    { pattern: PROCEDURE_CODE, message: t("publish.codeFormat") },
  ];

  /** Loads the procedure as in force on the decision's effective date. */
  const lookup = async () => {
    const code = String(form.getFieldValue(codePath) ?? "").trim();
    setFound(null);
    if (!PROCEDURE_CODE.test(code)) {
      form.setFields([{ name: codePath, errors: [t("publish.codeFormat")] }]);
      return;
    }
    const at = form.getFieldValue(["decision", "effectiveFrom"]) || undefined;
    setLooking(true);
    try {
      const detail = await catalog.procedure(code, at);
      if (detail.abolished) {
        form.setFields([{ name: codePath, errors: [t("publish.lookupAbolished", { code })] }]);
        return;
      }
      const p = detail.procedure;
      if (change === "amended") form.setFieldValue(["changes", name, "record"], toRecordValues(p));
      form.setFields([{ name: codePath, errors: [] }]);
      setFound({
        code,
        name: p.name,
        version: p.version,
        effectiveFrom: p.effectiveFrom,
        loaded: change === "amended",
      });
    } catch (error) {
      form.setFields([{ name: codePath, errors: [problemText(error, lang, t)] }]);
    } finally {
      setLooking(false);
    }
  };

  /** The code typed so far follows the change to its new field (record.code or code). */
  const onKindChange = (next: ChangeKind) => {
    setPicked(next);
    setFound(null);
    const code = form.getFieldValue(codePath);
    if (next === "abolished") form.setFieldValue(["changes", name, "code"], code);
    else {
      if (!form.getFieldValue(["changes", name, "record"])) {
        form.setFieldValue(["changes", name, "record"], emptyRecord());
      }
      form.setFieldValue(["changes", name, "record", "code"], code);
    }
  };

  const canLookUp = change === "amended" || change === "abolished";
  const codeField = change === "abolished" ? [name, "code"] : [name, "record", "code"];

  return (
    <Card
      size="small"
      className="section-card change-card"
      data-testid={testId}
      title={<h3 className="card-heading">{t("publish.changeTitle", { n: index + 1 })}</h3>}
      extra={
        onRemove && (
          <Button
            danger
            icon={<DeleteOutlined aria-hidden />}
            onClick={onRemove}
            data-testid={`${testId}-remove`}
          >
            {t("publish.removeChange", { n: index + 1 })}
          </Button>
        )
      }
    >
      <Form.Item name={[name, "change"]} label={t("publish.changeKind")}>
        <Radio.Group
          data-testid={`${testId}-kind`}
          optionType="button"
          onChange={(event) => onKindChange(event.target.value)}
          options={CHANGE_KINDS.map((kind) => ({ value: kind, label: t(`catalog.change.${kind}`) }))}
        />
      </Form.Item>

      <Form.Item label={t("publish.code")} required extra={t("publish.codeHint")}>
        <Space.Compact>
          {/* Keyed by its path: a form field does not follow a change of its name (rc-field-form
              keeps it registered under the old one), so typing after switching to "abolished"
              would go to the amendment's field and the abolition would be sent without a code. */}
          <Form.Item key={codeField.join(".")} name={codeField} noStyle rules={codeRules}>
            <Input
              data-testid={`${testId}-code`}
              aria-label={t("publish.code")}
              autoComplete="off"
              className="code-input"
              onPressEnter={(event) => {
                if (!canLookUp) return;
                event.preventDefault();
                void lookup();
              }}
            />
          </Form.Item>
          {canLookUp && (
            <Button
              icon={<CloudDownloadOutlined aria-hidden />}
              loading={looking}
              onClick={() => void lookup()}
              data-testid={`${testId}-lookup`}
            >
              {change === "amended" ? t("publish.lookupLoad") : t("publish.lookupCheck")}
            </Button>
          )}
        </Space.Compact>
      </Form.Item>
      <div aria-live="polite">
        {found && (
          <Alert
            type="success"
            showIcon
            className="problem-alert"
            data-testid={`${testId}-found`}
            title={t(found.loaded ? "publish.lookupLoaded" : "publish.lookupFound", {
              code: found.code,
              name: found.name,
              version: found.version,
              date: formatDate(found.effectiveFrom, lang),
            })}
          />
        )}
      </div>

      {change !== "abolished" && (
        <RecordFields
          prefix={[name, "record"]}
          absolute={["changes", name, "record"]}
          testId={testId}
          sectorListId={sectorListId}
        />
      )}
    </Card>
  );
}
