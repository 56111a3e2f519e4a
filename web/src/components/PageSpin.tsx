import { Spin } from "antd";
import { useT } from "../i18n";

export function PageSpin() {
  const t = useT();
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <Spin size="large" description={t("app.loading")} />
    </div>
  );
}
