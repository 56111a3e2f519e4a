// Demo contact channels (issue #8 item 6): the city has a row that every unit below inherits;
// Thuận Hóa has its own (hotline, e-mail, Zalo, Facebook), so the booking page, the forms and
// the editor (/admin/lien-he) show both cases. The numbers and addresses are made up.
import type { Executor } from "../db/client.ts";
import { unitContacts } from "../db/schema.frontdesk.ts";

export const DEMO_CONTACTS = {
  "46": {
    hotline: "0234 3 800 046",
    email: "motcua@hue.example.vn",
    zalo: null,
    facebook: "https://www.facebook.com/motcua.hue.example",
    address: "Trung tâm Phục vụ hành chính công thành phố Huế",
  },
  "46.19753": {
    hotline: "0234 3 800 753",
    email: "motcua@thuanhoa.example.vn",
    zalo: "https://zalo.me/0234380075",
    facebook: "https://www.facebook.com/motcua.thuanhoa.example",
    address: "Bộ phận Một cửa phường Thuận Hóa",
  },
} as const;

export async function seedDemoContacts(tx: Executor, units: Map<string, string>) {
  const rows = Object.entries(DEMO_CONTACTS).flatMap(([code, c]) => {
    const unitId = units.get(code);
    return unitId ? [{ unitId, ...c }] : [];
  });
  if (rows.length) await tx.insert(unitContacts).values(rows);
}
