// The administrators' view of the national portal exchange: what came in (accepted, rejected
// and why), alerts (conflicting replays), what waits in the outbox for the portal and why the
// last sends failed. No personal data: codes, counts and reasons only.
import type { Ctx } from "../../../plugins/context.ts";
import { Errors, type FieldError, type Message } from "../../../shared/errors.ts";
import { scopesFor } from "../../auth/auth.policy.ts";
import { NATIONAL_PORTAL_CHANNEL } from "./national-portal.outbound.ts";
import * as repo from "./national-portal.repository.ts";
import type { StatusOut } from "./national-portal.schemas.ts";

export async function exchangeStatus(ctx: Ctx): Promise<StatusOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (scopesFor(ctx.actor, "integration.read").length === 0) throw Errors.forbidden();
  const settings = ctx.config.nationalPortal;
  const cursor = await repo.readState<{ value: string | null }>(ctx.tx, repo.STATE_KEYS.cursor);
  const lastPoll = await repo.readState<StatusOut["lastPoll"]>(ctx.tx, repo.STATE_KEYS.lastPoll);
  const alerts = (await repo.readState<repo.Alert[]>(ctx.tx, repo.STATE_KEYS.alerts)) ?? [];
  const rejections = await repo.lastRejections(ctx.tx);
  return {
    enabled: !!settings,
    portal: settings ? new URL(settings.url).origin : null,
    cursor: cursor?.value ?? null,
    lastPoll: lastPoll ?? null,
    inbox: await repo.inboxCounts(ctx.tx),
    lastRejections: rejections.map((r) => {
      const error = (r.error ?? {}) as { code?: string; message?: Message; errors?: FieldError[] };
      return {
        messageId: r.messageId,
        nationalCode: r.nationalCode,
        receivedAt: new Date(r.receivedAt).toISOString(),
        code: error.code ?? "unknown",
        message: error.message ?? { vi: "", en: "" },
        fields: (error.errors ?? []).map((e) => e.field),
      };
    }),
    alerts,
    outbox: await repo.outboxFigures(ctx.tx, NATIONAL_PORTAL_CHANNEL),
  };
}
