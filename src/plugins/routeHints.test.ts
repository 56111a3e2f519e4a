import { describe, expect, it } from "vitest";
import { dataPreloads, withRouteHints } from "./routeHints.ts";

const HTML = "<html><head><title>motcua</title></head><body></body></html>";
const q = (s = "") => new URLSearchParams(s);

describe("dataPreloads", () => {
  it("preloads the procedure the page will fetch", () => {
    expect(dataPreloads("/thu-tuc/1.004873", q())).toEqual(["/api/public/procedures/1.004873"]);
    expect(dataPreloads("/thu-tuc/1.004873/", q())).toEqual(["/api/public/procedures/1.004873"]);
  });

  it("carries a valid `at` date and drops an invalid one, as the page does", () => {
    expect(dataPreloads("/thu-tuc/1.004873", q("at=2025-07-01"))).toEqual([
      "/api/public/procedures/1.004873?at=2025-07-01",
    ]);
    expect(dataPreloads("/thu-tuc/1.004873", q("at=yesterday"))).toEqual(["/api/public/procedures/1.004873"]);
  });

  it("preloads nothing for a code the page refuses, or for other pages", () => {
    expect(dataPreloads("/thu-tuc/not-a-code", q())).toEqual([]);
    expect(dataPreloads("/thu-tuc/1.004873/extra", q())).toEqual([]);
    expect(dataPreloads("/thu-tuc", q())).toEqual([]);
    expect(dataPreloads("/", q())).toEqual([]);
    expect(dataPreloads("/admin/thu-tuc/1.004873", q())).toEqual([]);
  });
});

describe("withRouteHints", () => {
  it("adds the preload before </head>", () => {
    const html = withRouteHints(HTML, "/thu-tuc/1.004873?at=2025-07-01");
    expect(html).toContain(
      '<link rel="preload" href="/api/public/procedures/1.004873?at=2025-07-01" as="fetch" crossorigin="anonymous" />',
    );
    expect(html.indexOf("<link")).toBeLessThan(html.indexOf("</head>"));
  });

  it("leaves other pages, bad escapes and hostile paths untouched", () => {
    expect(withRouteHints(HTML, "/")).toBe(HTML);
    expect(withRouteHints(HTML, "/thu-tuc/%E0%A4%A")).toBe(HTML);
    expect(withRouteHints(HTML, '/thu-tuc/"><script>alert(1)</script>')).toBe(HTML);
  });
});
