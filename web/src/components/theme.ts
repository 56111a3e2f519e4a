// antd theme: a darker primary blue and secondary text so text meets WCAG AA contrast (4.5:1).
import type { ThemeConfig } from "antd";

export const brandColor = "#0a3a78";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#0b57d0",
    // antd derives a lighter hover/active shade that fails AA with white text; keep them dark.
    colorPrimaryHover: "#0842a0",
    colorPrimaryActive: "#06357f",
    colorLink: "#0b57d0",
    colorTextDescription: "rgba(0, 0, 0, 0.66)",
    colorTextTertiary: "rgba(0, 0, 0, 0.66)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
    colorError: "#c0262d",
    colorSuccess: "#23772b",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: brandColor, headerColor: "#ffffff", siderBg: "#ffffff", bodyBg: "#f5f7fa" },
  },
};
