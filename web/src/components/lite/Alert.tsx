// An alert box styled like antd's Alert, for pages that load without antd. Errors and warnings are
// announced (role="alert"); information and success are a polite status.

import CheckCircleFilled from "@ant-design/icons-svg/es/asn/CheckCircleFilled";
import CloseCircleFilled from "@ant-design/icons-svg/es/asn/CloseCircleFilled";
import ExclamationCircleFilled from "@ant-design/icons-svg/es/asn/ExclamationCircleFilled";
import InfoCircleFilled from "@ant-design/icons-svg/es/asn/InfoCircleFilled";
import type { ReactNode } from "react";
import { Icon } from "./Icon";

const ICONS = {
  error: CloseCircleFilled,
  warning: ExclamationCircleFilled,
  info: InfoCircleFilled,
  success: CheckCircleFilled,
};

interface Props {
  type: keyof typeof ICONS;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  "data-testid"?: string;
}

export function Alert({ type, title, description, action, className, "data-testid": testId }: Props) {
  return (
    <div
      role={type === "info" || type === "success" ? "status" : "alert"}
      className={["lite-alert", `lite-alert--${type}`, className].filter(Boolean).join(" ")}
      data-testid={testId}
    >
      <Icon icon={ICONS[type]} className="lite-alert__icon" />
      <div className="lite-alert__content">
        <div className="lite-alert__title">{title}</div>
        {description && <div className="lite-alert__description">{description}</div>}
      </div>
      {action && <div className="lite-alert__action">{action}</div>}
    </div>
  );
}
