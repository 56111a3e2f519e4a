// Extension point of the kiosk's start screen: tiles contributed by other modules.
//
// Queue tickets ("Lấy số thứ tự") belong to issue #8 (module queue). That module adds its tile
// by setting QUEUE_TICKET_TILE (a title and hint from its locale file, and the view it renders);
// until then the kiosk shows no ticket tile and never prints a made-up number.
import { createElement, type ReactNode } from "react";
import type { MessageKey } from "../i18n";
import { KioskQueueTicket } from "./KioskQueueTicket";

export interface KioskTile {
  /** Stable id; also the tile's test id suffix (`kiosk-tile-<id>`). */
  id: string;
  title: MessageKey;
  hint: MessageKey;
  /** The view shown when the tile is touched; `onHome` returns to the start screen. */
  render: (props: { onHome: () => void }) => ReactNode;
}

/** Issue #8: the queue module's "take a ticket" tile (a sector, or a booking code to check in). */
export const QUEUE_TICKET_TILE: KioskTile | null = {
  id: "queue",
  title: "ticketQueue.kiosk.tile",
  hint: "ticketQueue.kiosk.tileHint",
  render: ({ onHome }) => createElement(KioskQueueTicket, { onHome }),
};

/** Tiles shown after the built-in "find a procedure" and "look up a dossier". */
export const KIOSK_EXTRA_TILES: readonly KioskTile[] = QUEUE_TICKET_TILE ? [QUEUE_TICKET_TILE] : [];
