// Small pieces shown wherever files appear: the kind of a document, its SHA-256 (short or full,
// with a copy button), the outcome of a signature check (an icon AND a text label, never colour
// alone), and a warning when a signature was made with the demo key.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { Tag, Typography } from "antd";
import type { CheckProblem, DocumentKind } from "../api/types";
import { useI18n } from "../i18n";
import { shortSha } from "./documentFormat";
import "./documents.css";

/** A PDF, image or other file icon (decorative: the type is also written out). */
export function FileIcon({ contentType }: { contentType: string }) {
  if (contentType === "application/pdf") return <FilePdfOutlined aria-hidden className="doc-file__icon" />;
  if (contentType.startsWith("image/")) return <FileImageOutlined aria-hidden className="doc-file__icon" />;
  return <FileOutlined aria-hidden className="doc-file__icon" />;
}

export function KindTag({ kind }: { kind: DocumentKind }) {
  const { t } = useI18n();
  return (
    <Tag className={`doc-kind doc-kind--${kind}`} data-testid="document-kind" data-kind={kind}>
      {t(`documents.kind.${kind}`)}
    </Tag>
  );
}

/** A SHA-256 in monospace (the first 12 digits unless `full`); the copy button copies all 64. */
export function Sha256({ value, full = false }: { value: string; full?: boolean }) {
  const { t } = useI18n();
  return (
    <Typography.Text
      className="sha256"
      data-testid="document-sha256"
      data-sha256={value}
      copyable={{ text: value, tooltips: [t("documents.copySha"), t("documents.copied")] }}
    >
      <code className="sha256__value" title={full ? undefined : value}>
        {full ? value : `${shortSha(value)}…`}
      </code>
    </Typography.Text>
  );
}

/** ✓ valid / ✗ not valid, with the problem the check found in the reader's language. */
export function SignatureStatus({
  valid,
  problem,
  testId = "signature-status",
}: {
  valid: boolean;
  problem?: CheckProblem | null;
  testId?: string;
}) {
  const { lang, t } = useI18n();
  return (
    <span
      className={`sig-status sig-status--${valid ? "valid" : "invalid"}`}
      data-testid={testId}
      data-valid={valid}
    >
      {valid ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}{" "}
      <strong>{valid ? t("documents.valid") : t("documents.invalid")}</strong>
      {!valid && problem && <span className="sig-status__problem"> – {problem[lang] || problem.vi}</span>}
    </span>
  );
}

/** Shown next to a signer whose certificate says it is the demo key (no legal value). */
export function DemoKeyNote({ subject }: { subject: string | null | undefined }) {
  const { t } = useI18n();
  if (!subject || !/NOT FOR REAL USE/i.test(subject)) return null;
  return (
    <span className="demo-key" data-testid="demo-key">
      <WarningOutlined aria-hidden /> {t("documents.demoKey")}
    </span>
  );
}
