// The exchange with the national public service portal as the server runs it: one client
// (one access token) shared by the puller (inbound dossiers) and the outbox sender (statuses,
// results, ratings). Off when NATIONAL_PORTAL_URL is unset.
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/client.ts";
import { createBlobStore } from "../../documents/blob-store.ts";
import type { ChannelLogger } from "../../notifications/channels.ts";
import type { ChannelSender } from "../../notifications/outbox.worker.ts";
import { createNationalPortalClient } from "./national-portal.client.ts";
import { createNationalPortalPuller, type NationalPortalPuller } from "./national-portal.inbound.ts";
import { createNationalPortalSender, NATIONAL_PORTAL_CHANNEL } from "./national-portal.outbound.ts";

export type NationalPortalExchange = {
  puller: NationalPortalPuller;
  /** For the outbox worker's `senders`. */
  senders: Record<string, ChannelSender>;
};

export function createNationalPortalExchange(o: {
  db: Db;
  config: Config;
  logger: ChannelLogger;
}): NationalPortalExchange | undefined {
  const settings = o.config.nationalPortal;
  if (!settings) return undefined;
  const client = createNationalPortalClient(settings);
  return {
    puller: createNationalPortalPuller({ db: o.db, config: o.config, client, logger: o.logger }),
    senders: {
      [NATIONAL_PORTAL_CHANNEL]: createNationalPortalSender({
        client,
        publicUrl: o.config.publicUrl,
        blobs: createBlobStore(o.config.files),
        logger: o.logger,
      }),
    },
  };
}
