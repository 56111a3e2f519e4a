// The signed-in user's sessions (back office and portal): when and where each was opened, this
// browser marked; sign out of one left open on another computer, or of every other one.
import { LogoutOutlined } from "@ant-design/icons";
import { Button, type ButtonProps, Empty, List, Popconfirm, Tag } from "antd";
import { auth } from "../../api/endpoints";
import type { OwnSession } from "../../api/types";
import { formatVnDateTime } from "../../components/dossierFormat";
import { PageSpin } from "../../components/PageSpin";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useRowActions } from "../../components/useRowActions";
import { useT } from "../../i18n";
import "./account.css";

/** "Chrome on Windows" from a user agent: enough to recognise one's own devices. */
export function deviceOf(userAgent: string | null): { browser: string | null; system: string | null } {
  const ua = userAgent ?? "";
  const browsers = [
    ["Edge", /Edg\//],
    ["Cốc Cốc", /coc_coc_browser/i],
    ["Firefox", /Firefox\//],
    ["Chrome", /Chrom(e|ium)\//],
    ["Safari", /Safari\//],
  ] as const;
  const browser = browsers.find(([, re]) => re.test(ua))?.[0] ?? null;
  const systems = [
    ["Android", /Android/],
    ["iOS", /iPhone|iPad/],
    ["Windows", /Windows/],
    ["macOS", /Mac OS X/],
    ["Linux", /Linux/],
  ] as const;
  const system = systems.find(([, re]) => re.test(ua))?.[0] ?? null;
  return { browser, system };
}

export function SessionsCard() {
  const t = useT();
  const list = useApiQuery("own-sessions", (signal) => auth.sessions(signal));
  const { busy, error, act } = useRowActions(list.reload);

  const items = list.data?.items ?? [];
  const others = items.filter((s) => !s.current).length;
  const label = (s: OwnSession) => {
    const { browser, system } = deviceOf(s.userAgent);
    if (browser && system) return t("accounts.sessions.device", { browser, system });
    return browser ?? system ?? t("accounts.sessions.unknownDevice");
  };

  return (
    <section className="account-sessions" aria-labelledby="account-sessions-title" data-testid="sessions">
      <h2 id="account-sessions-title">{t("accounts.sessions.heading")}</h2>
      <p>{t("accounts.sessions.intro")}</p>
      <div aria-live="polite">
        <ProblemAlert error={error ?? list.error} onRetry={list.error ? list.reload : undefined} />
      </div>
      {list.loading && !list.data ? (
        <PageSpin />
      ) : items.length === 0 ? (
        <Empty description={t("accounts.sessions.none")} />
      ) : (
        <List
          dataSource={items}
          rowKey="id"
          renderItem={(s) => (
            <List.Item
              data-testid="session-row"
              data-current={s.current ? "true" : "false"}
              actions={
                s.current
                  ? []
                  : [
                      <Button
                        key="end"
                        icon={<LogoutOutlined aria-hidden />}
                        loading={busy === s.id}
                        onClick={() =>
                          act(
                            s.id,
                            () => auth.endSession(s.id),
                            () => t("accounts.sessions.ended"),
                          )
                        }
                        data-testid="session-end"
                        aria-label={t("accounts.sessions.endOne", { device: label(s) })}
                      >
                        {t("accounts.sessions.end")}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {label(s)}{" "}
                    {s.current && <Tag className="session-current">{t("accounts.sessions.current")}</Tag>}
                  </span>
                }
                description={t("accounts.sessions.opened", {
                  at: formatVnDateTime(s.createdAt),
                  ip: s.ip ?? "—",
                })}
              />
            </List.Item>
          )}
        />
      )}
      {others > 0 && (
        <Popconfirm
          title={t("accounts.sessions.endOthersConfirm", { n: others })}
          okText={t("accounts.sessions.endOthers")}
          cancelText={t("accounts.staff.cancel")}
          okButtonProps={{ danger: true, "data-testid": "sessions-end-others-confirm" } as ButtonProps}
          onConfirm={() =>
            act(
              "others",
              () => auth.endOtherSessions(),
              ({ ended }) => t("accounts.sessions.endedOthers", { n: ended }),
            )
          }
        >
          <Button danger loading={busy === "others"} data-testid="sessions-end-others">
            {t("accounts.sessions.endOthers")}
          </Button>
        </Popconfirm>
      )}
    </section>
  );
}
