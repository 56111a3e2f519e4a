// The e-form editor of one procedure at one unit: title, the field list (add, configure, move,
// remove), a live preview, and save (a new revision; the server's field errors land next to the
// builder item they concern). Starts from the form in force (own or inherited) via formToFields.
import { PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Form, Input, Row, Space } from "antd";
import { useEffect, useRef, useState } from "react";
import { FIELD_KINDS, type FieldKind, fieldsToForm } from "../../../../src/modules/eforms/eform.model.ts";
import type { BuilderForm } from "../../components/eform/api";
import { eforms } from "../../components/eform/api";
import type { EformOut } from "../../components/eform/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { fieldProblems, problemText } from "../../components/problem";
import { useI18n } from "../../i18n";
import {
  type BuilderValues,
  builderFieldOf,
  builderIssues,
  formToValues,
  MAX_FIELDS,
  newField,
  valuesToFields,
} from "./builderModel";
import { builderRule, FieldEditor } from "./FieldEditor";
import { FormPreview } from "./FormPreview";

interface Props {
  unitId: string;
  procedureCode: string;
  procedureName: string;
  loaded: BuilderForm;
  onSaved: (eform: EformOut) => void;
}

export function FormBuilder({ unitId, procedureCode, procedureName, loaded, onSaved }: Props) {
  const { lang, t } = useI18n();
  // Untyped store: errors are set by name paths computed at run time (builderIssues, server fields).
  const [form] = Form.useForm();
  const [kind, setKind] = useState<FieldKind>("text");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const title = Form.useWatch("title", form);
  const fields = Form.useWatch("fields", form);
  const count = fields?.length ?? 0;
  const listOps = useRef<{
    add: (value: unknown) => void;
    move: (from: number, to: number) => void;
    remove: (i: number) => void;
  } | null>(null);

  useEffect(() => {
    const current = loaded.eform;
    form.resetFields();
    form.setFieldsValue(
      current
        ? formToValues(current.title, current.schema, current.ui)
        : { title: procedureName, fields: [] },
    );
    setError(null);
    setUnplaced([]);
  }, [loaded, procedureName, form]);

  // Messages are plain strings inside antd: re-check shown errors in the new language.
  useEffect(() => {
    const shown = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => f.name);
    if (shown.length > 0) void form.validateFields(shown).catch(() => undefined);
  }, [lang, form]);

  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const move = (from: number, to: number) => {
    listOps.current?.move(from, to);
    // The moved field keeps the focus on its own button (or the other one at an end of the list).
    const last = count - 1;
    const button = to < from ? (to === 0 ? "down" : "up") : to === last ? "up" : "down";
    focusLater(`builder-field-${to}-${button}`);
  };

  const remove = (index: number) => {
    listOps.current?.remove(index);
    focusLater(count > 1 ? `builder-field-${Math.max(0, index - 1)}-remove` : "builder-add-field");
  };

  const add = () => {
    const taken =
      (form.getFieldValue("fields") as BuilderValues["fields"] | undefined)?.map((f) => f.key) ?? [];
    listOps.current?.add(newField(kind, taken));
    focusLater(`eform-builder_fields_${taken.length}_labelVi`);
  };

  const save = async () => {
    setError(null);
    setUnplaced([]);
    try {
      await form.validateFields();
    } catch {
      // Errors are shown next to the fields; list-level ones below.
    }
    const values = form.getFieldsValue(true) as BuilderValues;
    const issues = builderIssues(values);
    const listLevel = issues.filter((i) => i.name.length === 1 && i.name[0] === "fields");
    setUnplaced(listLevel.map((i) => t(i.message)));
    if (issues.length > 0) {
      form.setFields(
        issues.filter((i) => !listLevel.includes(i)).map((i) => ({ name: i.name, errors: [t(i.message)] })),
      );
      return;
    }
    const titleText = (values.title ?? "").trim();
    const { schema, ui } = fieldsToForm(titleText, valuesToFields(values.fields));
    setSaving(true);
    try {
      const { eform } = await eforms.save(unitId, { procedureCode, title: titleText, schema, ui });
      onSaved(eform);
    } catch (caught) {
      setError(caught);
      const placed: { name: (string | number)[]; errors: string[] }[] = [];
      const others: string[] = [];
      for (const problem of fieldProblems(caught)) {
        const name = builderFieldOf(problem.field, values);
        const message = problem.message[lang] || problem.message.vi;
        if (name) placed.push({ name, errors: [message] });
        else others.push(message);
      }
      if (placed.length > 0) form.setFields(placed);
      setUnplaced(others);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={[16, 16]} className="eform-builder">
      <Col xs={24} xl={13}>
        <Card
          className="section-card"
          title={<h2 className="card-heading">{t("eform.builder.editHeading")}</h2>}
        >
          {loaded.inherited && loaded.eform && (
            <Alert
              type="info"
              showIcon
              className="problem-alert"
              title={t("eform.builder.inheritedNotice", {
                unit: loaded.eform.unitName,
                revision: loaded.eform.revision,
              })}
            />
          )}
          <Form form={form} name="eform-builder" layout="vertical" data-testid="builder-form">
            <Form.Item
              name="title"
              label={t("eform.builder.title")}
              required
              rules={[builderRule(t, ["title"])]}
            >
              <Input maxLength={300} data-testid="builder-title" />
            </Form.Item>
            <Form.List name="fields">
              {(items, ops) => {
                listOps.current = ops;
                return (
                  <div className="eform-builder__list">
                    {items.map((item) => (
                      <FieldEditor
                        key={item.key}
                        name={item.name}
                        count={items.length}
                        onMove={move}
                        onRemove={remove}
                      />
                    ))}
                  </div>
                );
              }}
            </Form.List>
          </Form>
          <Space wrap className="eform-builder__add" align="end">
            <div className="picker-field">
              <label htmlFor="builder-new-kind" className="field-label">
                {t("eform.builder.newKind")}
              </label>
              <LabelledSelect<FieldKind>
                id="builder-new-kind"
                listLabel={t("eform.builder.newKind")}
                className="picker-field__select"
                value={kind}
                onChange={setKind}
                data-testid="builder-new-kind"
                options={FIELD_KINDS.map((k) => ({ value: k, label: t(`eform.kind.${k}`) }))}
              />
            </div>
            <Button
              id="builder-add-field"
              icon={<PlusOutlined aria-hidden />}
              onClick={add}
              disabled={count >= MAX_FIELDS}
              data-testid="builder-add-field"
            >
              {t("eform.builder.addField")}
            </Button>
          </Space>
          <div aria-live="polite" data-testid="builder-problem">
            {(error !== null || unplaced.length > 0) && (
              <Alert
                type="error"
                showIcon
                className="problem-alert"
                title={error ? problemText(error, lang, t) : t("eform.builder.fixErrors")}
                description={
                  unplaced.length > 0 ? (
                    <ul className="problem-list">
                      {unplaced.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
          </div>
          <Button
            type="primary"
            size="large"
            icon={<SaveOutlined aria-hidden />}
            loading={saving}
            onClick={save}
            data-testid="builder-save"
          >
            {t("eform.builder.save")}
          </Button>
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card className="section-card eform-builder__preview-card">
          <FormPreview title={title} fields={fields} />
        </Card>
      </Col>
    </Row>
  );
}
