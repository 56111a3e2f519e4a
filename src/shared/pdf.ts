// PDF rendering for every printable form and listing: pdfmake with the Tinos TTF
// (Times-compatible, full Vietnamese coverage) shipped by @expo-google-fonts/tinos.
import { createRequire } from "node:module";
import path from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve("@expo-google-fonts/tinos/package.json"));
const font = (variant: string) => path.join(fontDir, variant, `Tinos_${variant}.ttf`);

type PdfMake = {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setLocalAccessPolicy(policy: (p: string) => boolean): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};

let instance: PdfMake | undefined;
function pdfmake(): PdfMake {
  if (!instance) {
    instance = require("pdfmake") as PdfMake;
    instance.setFonts({
      Tinos: {
        normal: font("400Regular"),
        bold: font("700Bold"),
        italics: font("400Regular_Italic"),
        bolditalics: font("700Bold_Italic"),
      },
    });
    // Documents may read the font files and nothing else from disk.
    instance.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
    // …and nothing from the network: documents are built from our own data only.
    instance.setUrlAccessPolicy(() => false);
  }
  return instance;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake()
    .createPdf({ ...doc, defaultStyle: { font: "Tinos", fontSize: 11, ...(doc.defaultStyle ?? {}) } })
    .getBuffer();
}

/** "23/11/2026" */
export const formatDateVi = (isoDate: string) => {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
};

/** "8.000 đ" */
export const formatVnd = (amount: number) => `${new Intl.NumberFormat("vi-VN").format(amount)} đ`;
