// Column-encryption keys for a config with the demo off (loadConfig requires them then): random
// per test process, so nothing can depend on their value.
import { randomBytes } from "node:crypto";
import { setFieldKeys } from "../src/db/encrypted.ts";
import { parseDataKeys } from "../src/modules/privacy/field-crypto.ts";

export const TEST_FIELD_KEYS = {
  MOTCUA_DATA_KEYS: `test:${randomBytes(32).toString("base64")}`,
  MOTCUA_INDEX_KEYS: `test:${randomBytes(32).toString("base64")}`,
};

/** This process reads (decrypts) with TEST_FIELD_KEYS: what the servers it started wrote. */
export function useTestFieldKeys(): void {
  setFieldKeys(parseDataKeys({ ...TEST_FIELD_KEYS, MOTCUA_DEMO: false }));
}
