// `motcua keys rotate`: values stored in plaintext (a database from before column encryption) and
// values under an older key are brought to the first key, blind indexes recomputed under the
// first index key; `--check` counts and changes nothing; the CLI exits 1 while anything is left.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliTarget, cli, makeCliTarget } from "../../../test/cli-target.ts";
import { type Database, queryRows } from "../../db/client.ts";
import {
  blindIndex,
  DEMO_DATA_KEY,
  DEMO_INDEX_KEY,
  decrypt,
  encrypt,
  type FieldKey,
  isEncrypted,
} from "./field-crypto.ts";
import { rotateKeys } from "./keys.rotate.ts";

const newData: FieldKey = { id: "k2", secret: randomBytes(32) };
const newIndex: FieldKey = { id: "i2", secret: randomBytes(32) };
// The new keys first; the demo keys the template was written with stay in the rings to decrypt.
const rings = { data: [newData, DEMO_DATA_KEY], index: [newIndex, DEMO_INDEX_KEY] };
const k3: FieldKey = { id: "k3", secret: randomBytes(32) };
const b64 = (k: FieldKey) => `${k.id}:${k.secret.toString("base64")}`;

let target: CliTarget;
let database: Database;
let userId: string;
let dossierId: string;
let inboxId: string;
const formAnswers = { requesterIdNumber: "046190005678", requesterPhone: "0905111222" };
const portalMessage = { MaHoSo: "G22.99-251201-0001", ChuHoSo: { SoDinhDanh: "046190009999" } };

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(database.db, query))[0]!;

beforeAll(async () => {
  target = await makeCliTarget("template");
  database = await target.open();
  // A citizen and a dossier as a database from before column encryption holds them.
  userId = (
    await one<{ id: string }>(sql`
      insert into users (kind, phone, full_name) values ('citizen', '0987 654 321', 'Lê Thị Xoay Khóa')
      returning id`)
  ).id;
  await database.db.execute(sql`
    insert into idempotency_keys (scope, key, request_hash, status, response)
    values ('test', 'rotate-1', 'h', 201,
            jsonb_build_object('$enc', ${encrypt([DEMO_DATA_KEY], '{"code":"X"}', "idempotency_keys.response")}::text))`);
  dossierId = (
    await one<{ id: string }>(sql`
      update dossiers set applicant = jsonb_set(applicant, '{idNumber}', '"046190001234"'), applicant_id_bidx = null
       where id = (select id from dossiers order by received_at limit 1)
      returning id`)
  ).id;
  // E-form answers and a portal message stored before sealing: plain JSON.
  await database.db.execute(
    sql`update dossiers set form_data = ${JSON.stringify(formAnswers)}::jsonb,
                             eform_id = (select id from eforms limit 1) where id = ${dossierId}`,
  );
  inboxId = (
    await one<{ id: string }>(sql`
      insert into national_portal_inbox (message_id, national_code, kind, payload_sha256, payload, status)
      values ('rotate-msg-1', 'G22.99-251201-0001', 'dossier', 'x', ${JSON.stringify(portalMessage)}::jsonb, 'rejected')
      returning id::text as id`)
  ).id;
});
afterAll(async () => {
  await database?.close();
  await target?.drop();
});

describe("keys rotate", { timeout: 120_000 }, () => {
  it("--check counts plaintext values and values under the old keys, and changes nothing", async () => {
    const counts = await rotateKeys(database.db, { ...rings, check: true });
    expect(counts.users!.rows).toBeGreaterThan(0); // at least the plaintext one
    expect(counts.dossiers!.values).toBeGreaterThan(0);
    const user = await one<{ phone: string }>(sql`select phone from users where id = ${userId}`);
    expect(user.phone).toBe("0987 654 321");
  });

  it("encrypts the plaintext, re-encrypts under the first key and recomputes the blind indexes", async () => {
    const counts = await rotateKeys(database.db, { ...rings, batchSize: 7 });
    expect(counts.users!.indexes).toBeGreaterThan(0);

    const user = await one<{ phone: string; phone_bidx: string }>(
      sql`select phone, phone_bidx from users where id = ${userId}`,
    );
    expect(user.phone).toMatch(/^v1\.k2\./);
    expect(user.phone).not.toContain("654");
    expect(decrypt([newData], user.phone, "users.phone")).toBe("0987 654 321");
    expect(user.phone_bidx).toBe(blindIndex(newIndex, "phone", "+84987654321"));

    const dossier = await one<{ id_number: string; bidx: string }>(
      sql`select applicant->>'idNumber' as id_number, applicant_id_bidx as bidx from dossiers where id = ${dossierId}`,
    );
    expect(decrypt([newData], dossier.id_number, "dossiers.applicant.id_number")).toBe("046190001234");
    expect(dossier.bidx).toBe(blindIndex(newIndex, "idNumber", "046190001234"));

    const kept = await one<{ enc: string }>(
      sql`select response->>'$enc' as enc from idempotency_keys where scope = 'test' and key = 'rotate-1'`,
    );
    expect(decrypt([newData], kept.enc, "idempotency_keys.response")).toBe('{"code":"X"}');

    // Whole JSON documents stored in plaintext are sealed: {"$enc": v1.k2.…}.
    const sealed = await one<{ form: string; payload: string }>(sql`
      select (select form_data->>'$enc' from dossiers where id = ${dossierId}) as form,
             (select payload->>'$enc' from national_portal_inbox where id = ${inboxId}::bigint) as payload`);
    expect(JSON.parse(decrypt([newData], sealed.form, "dossiers.form_data"))).toEqual(formAnswers);
    expect(sealed.form).not.toContain("5678");
    expect(JSON.parse(decrypt([newData], sealed.payload, "national_portal_inbox.payload"))).toEqual(
      portalMessage,
    );

    // Nothing is left under the demo keys or in plaintext, in any table rotated.
    const leftovers = await one<{ n: number }>(sql`
      select (select count(*) from users where phone is not null and phone not like 'v1.k2.%')
           + (select count(*) from dossiers where applicant->>'idNumber' is not null and applicant->>'idNumber' not like 'v1.k2.%')
           + (select count(*) from dossiers where applicant->>'phone' is not null and applicant->>'phone' not like 'v1.k2.%')
           + (select count(*) from appointments where phone <> '' and phone not like 'v1.k2.%')
           + (select count(*) from feedback_items where phone is not null and phone not like 'v1.k2.%')
           + (select count(*) from petition_parties where phone is not null and phone not like 'v1.k2.%')
           + (select count(*) from petition_parties where id_number is not null and id_number not like 'v1.k2.%')
           + (select count(*) from dossiers where form_data is not null and coalesce(form_data->>'$enc', '') not like 'v1.k2.%')
           + (select count(*) from idempotency_keys where response is not null and coalesce(response->>'$enc', '') not like 'v1.k2.%')
           + (select count(*) from national_portal_inbox where coalesce(payload->>'$enc', '') not like 'v1.k2.%')
           as n`);
    expect(Number(leftovers.n)).toBe(0);
    const again = await rotateKeys(database.db, { ...rings, check: true });
    expect(Object.values(again).every((c) => c.rows === 0)).toBe(true);
  });

  it("the inbox stays insert-only: only a re-seal of the payload under the rotation's setting passes", async () => {
    const refused = async (query: ReturnType<typeof sql>, setting: boolean) => {
      const err = await database.db
        .transaction(async (tx) => {
          if (setting) await tx.execute(sql`set local motcua.key_rotation = 'on'`);
          await tx.execute(query);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      return String((err as { cause?: unknown })?.cause ?? err);
    };
    const reseal = sql`update national_portal_inbox set payload = jsonb_build_object('$enc', 'v1.x') where id = ${inboxId}::bigint`;
    expect(await refused(reseal, false)).toContain("insert-only");
    expect(
      await refused(
        sql`update national_portal_inbox set payload = '{"MaHoSo":"forged"}' where id = ${inboxId}::bigint`,
        true,
      ),
    ).toContain("insert-only");
    expect(
      await refused(
        sql`update national_portal_inbox set national_code = 'forged', payload = jsonb_build_object('$enc', 'v1.x') where id = ${inboxId}::bigint`,
        true,
      ),
    ).toContain("insert-only");
    expect(
      await refused(sql`delete from national_portal_inbox where id = ${inboxId}::bigint`, true),
    ).toContain("insert-only");
  });

  it("the CLI's --check exits 1 while anything is under an older key, 0 once rotated", async () => {
    await database.close(); // embedded: one process per data directory
    const onlyDemo = {
      ...target.env,
      MOTCUA_DEMO: "0",
      MOTCUA_DATA_KEYS: `${b64(newData)}`,
      MOTCUA_INDEX_KEYS: `${b64(newIndex)}`,
    };
    // Everything is under k2 / i2 now: the check passes with only the new keys in the rings.
    const ok = await cli(onlyDemo, ["keys", "rotate", "--check"]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain("Every value is under the first keys.");
    // A third key put first: everything is now "old", the check fails, rotate fixes it.
    const rotated = { ...onlyDemo, MOTCUA_DATA_KEYS: `${b64(k3)},${b64(newData)}` };
    const before = await cli(rotated, ["keys", "rotate", "--check"]);
    expect(before.code).toBe(1);
    expect((await cli(rotated, ["keys", "rotate"])).code).toBe(0);
    expect((await cli(rotated, ["keys", "rotate", "--check"])).code).toBe(0);
    database = await target.open();
    const user = await one<{ phone: string }>(sql`select phone from users where id = ${userId}`);
    expect(user.phone).toMatch(/^v1\.k3\./);
    expect(isEncrypted(user.phone)).toBe(true);
  });

  it("reports a number held by two rows in two spellings (plaintext let it through) and goes on", async () => {
    const twin = (
      await one<{ id: string }>(sql`
        insert into users (kind, phone, full_name) values ('citizen', '+84 987 654 321', 'Lê Thị Sinh Đôi')
        returning id`)
    ).id;
    const counts = await rotateKeys(database.db, { data: [k3, newData], index: [newIndex] });
    expect(counts.users!.conflicts).toEqual([twin]);
    const row = await one<{ phone: string; phone_bidx: string | null }>(
      sql`select phone, phone_bidx from users where id = ${twin}`,
    );
    expect(row).toEqual({ phone: "+84 987 654 321", phone_bidx: null });
  });
});
