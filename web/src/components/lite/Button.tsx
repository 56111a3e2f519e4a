// A button that looks like antd's (default and primary, middle and large) for pages that load
// without antd: the portal home, the procedure page, the portal shell.
import type { ButtonHTMLAttributes, ReactNode } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "default" | "primary";
  size?: "small" | "middle" | "large";
  icon?: ReactNode;
  "data-testid"?: string;
}

export function Button({
  variant = "default",
  size = "middle",
  icon,
  className,
  children,
  type = "button",
  ...rest
}: Props) {
  const classes = ["lite-btn", `lite-btn--${variant}`, `lite-btn--${size}`, className].filter(Boolean);
  return (
    <button type={type} className={classes.join(" ")} {...rest}>
      {icon}
      {children !== undefined && <span>{children}</span>}
    </button>
  );
}
