// HTTP helpers shared by the benches and the crash test: sign in over real HTTP, find a unit,
// and the reception body used everywhere (receptionist of Phường Thuận Hóa, procedure 1.004873:
// marital status certificate, 3 working days, in person).
import { DEMO_PASSWORD } from "../../src/demo/demo-data.ts";

export const RECEPTIONIST = "tiepnhan.thuanhoa";
export const WARD_CODE = "46.19753";
export const PROCEDURE = "1.004873";

export type Session = { cookie: string; csrf: string };

export async function signIn(
  base: string,
  username = RECEPTIONIST,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export async function unitId(base: string, code = WARD_CODE): Promise<string> {
  const res = await fetch(`${base}/api/public/units?history=true`);
  const { items } = (await res.json()) as { items: { id: string; code: string }[] };
  const unit = items.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}

export function receptionBody(unit: string, n = 0) {
  return {
    unitId: unit,
    procedureCode: PROCEDURE,
    applicant: {
      name: `Nguyễn Thị Hồng Nhung ${n}`,
      idNumber: "046190001234",
      birthDate: "1995-04-12",
      address: "12 Lê Lợi, phường Thuận Hóa, thành phố Huế",
      phone: "0912345678",
      email: "nhung@example.vn",
    },
  };
}

export function receptionHeaders(s: Session, key: string): Record<string, string> {
  return {
    "content-type": "application/json",
    cookie: s.cookie,
    "x-csrf-token": s.csrf,
    "idempotency-key": key,
  };
}

/**
 * `count` dossiers received in one batch (a mobile team's entry, all or nothing: far quicker
 * than `count` single receptions), received a second apart up to now; returns their codes.
 */
export async function receiveBatch(base: string, s: Session, unit: string, count: number): Promise<string[]> {
  const now = Date.now();
  const res = await fetch(`${base}/api/dossiers/batch`, {
    method: "POST",
    headers: receptionHeaders(s, `bench-batch-${process.pid}-${now}`),
    body: JSON.stringify({
      unitId: unit,
      items: Array.from({ length: count }, (_, i) => ({
        ...receptionBody(unit, i),
        receivedAt: new Date(now - (count - i) * 1000).toISOString(),
      })),
    }),
  });
  if (res.status !== 201) throw new Error(`batch reception failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: { code: string }[] }).items.map((d) => d.code);
}
