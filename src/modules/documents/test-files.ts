// Small real files for the tests: a PDF (pdfmake), a PNG, a JPEG, an XLSX, and a test CA.
import { deflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import { renderPdf } from "../../shared/pdf.ts";
import { createSigningPki, type Pki } from "./pki.ts";

export const pdfBytes = (text = "Giấy xác nhận tình trạng hôn nhân") =>
  renderPdf({ content: [{ text, fontSize: 16 }, "Thuận Hóa, Huế"] });

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A valid 2×2 RGB PNG. */
export function pngBytes(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG (JFIF) file: enough for sniffing. */
export const jpegBytes = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);

export async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").addRow(["Họ tên", "Số CCCD"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const testPki = (passphrase = "test-pass"): Pki =>
  createSigningPki({
    ca: { commonName: "motcua Test Root CA", organisation: "motcua tests" },
    signer: { commonName: "UBND Phuong Thuan Hoa (test)", organisation: "motcua tests" },
    passphrase,
  });
