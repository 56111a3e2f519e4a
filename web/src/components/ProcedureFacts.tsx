// What the desk and the online filing page show of the chosen procedure: deadline, fees,
// channels, and whether it is resolved on the spot or received anywhere.
import { Descriptions, Tag } from "antd";
import type { ProcedureDetail } from "../api/types";
import { useI18n } from "../i18n";
import { formatDeadline, formatFeeAmount } from "./catalogFormat";
import "./dossiers.css";

type Procedure = ProcedureDetail["procedure"];

export function channelNames(channels: Procedure["channels"], t: ReturnType<typeof useI18n>["t"]): string[] {
  return [
    channels.inPerson ? t("catalog.channel.in_person") : null,
    channels.online !== "none" ? t(`catalog.online.${channels.online}`) : null,
    channels.postal ? t("catalog.channel.postal") : null,
  ].filter((item): item is string => item !== null);
}

export function ProcedureFacts({ procedure, testId }: { procedure: Procedure; testId: string }) {
  const { lang, t } = useI18n();
  const fees =
    procedure.fees.length === 0
      ? t("procedure.noFees")
      : procedure.fees.map((fee) => `${fee.name}: ${formatFeeAmount(fee, lang, t)}`).join("; ");
  const badges = [
    procedure.onTheSpot ? (
      <Tag key="spot" className="dossier-tag dossier-tag--ready" data-testid="facts-on-the-spot">
        {t("dossier.onTheSpotBadge")}
      </Tag>
    ) : null,
    procedure.locationIndependent ? (
      <Tag key="anywhere" className="dossier-tag dossier-tag--waiting" data-testid="facts-anywhere">
        {t("dossier.locationIndependentBadge")}
      </Tag>
    ) : null,
  ].filter(Boolean);
  const items = [
    {
      key: "name",
      label: t("dossier.procedure"),
      children: (
        <span>
          <span className="procedure-code">{procedure.code}</span> – {procedure.name}
        </span>
      ),
    },
    {
      key: "deadline",
      label: t("procedure.deadline"),
      children: (
        <span data-testid={`${testId}-deadline`}>
          <strong>{formatDeadline(procedure.deadline, lang, t)}</strong>
          {procedure.deadline.note ? (
            <span className="text-secondary"> · {procedure.deadline.note}</span>
          ) : null}
        </span>
      ),
    },
    { key: "fees", label: t("procedure.feesHeading"), children: fees },
    {
      key: "channels",
      label: t("procedure.channels"),
      children: channelNames(procedure.channels, t).join(" · ") || "—",
    },
    ...(badges.length > 0
      ? [
          {
            key: "badges",
            label: t("dossier.features"),
            children: <span className="facts-badges">{badges}</span>,
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      className="procedure-facts"
      column={1}
      size="small"
      bordered
      items={items}
      data-testid={testId}
    />
  );
}
