// Demo service desks (issue #8, queue tickets): Thuận Hóa's one-stop desk has three counters —
// civil status and certification, residence and ID cards, and one for every sector — so the
// kiosk, the counter screen (/admin/quay) and the hall's display (/man-hinh/46.19753) work at once.
import type { Executor } from "../db/client.ts";
import { serviceDesks } from "../db/schema.frontdesk.ts";

export const DEMO_DESKS = [
  { number: 1, name: "Quầy 1 – Hộ tịch, Chứng thực", sectors: ["Hộ tịch", "Chứng thực"] },
  { number: 2, name: "Quầy 2 – Cư trú, Căn cước", sectors: ["Đăng ký cư trú", "Cấp, quản lý căn cước"] },
  { number: 3, name: "Quầy 3 – Tất cả lĩnh vực", sectors: [] },
] as const;

export async function seedDemoQueue(tx: Executor, units: Map<string, string>) {
  const unitId = units.get("46.19753");
  if (!unitId) return;
  await tx
    .insert(serviceDesks)
    .values(DEMO_DESKS.map((d) => ({ unitId, number: d.number, name: d.name, sectors: [...d.sectors] })));
}
