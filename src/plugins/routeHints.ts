// Hints the server adds to the web app's index.html for its landing pages, so the browser fetches a
// page's data while it still downloads the JavaScript, instead of after it ran (the procedure page
// is what search engines and links open first). Pure: path and query in, <link> tags out.
import { PROCEDURE_CODE } from "../modules/catalog/catalog.schemas.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The data requests the web app will make first on this address, exactly as it makes them
 * (web/src/api/endpoints.ts), or none. A preload that does not match is fetched twice, so the
 * address rules mirror the page's own (an invalid code or date fetches nothing or no `at`).
 */
export function dataPreloads(pathname: string, search: URLSearchParams): string[] {
  const procedure = /^\/thu-tuc\/([^/]+)\/?$/.exec(pathname);
  if (procedure) {
    const code = decodeURIComponent(procedure[1] ?? "");
    if (!PROCEDURE_CODE.test(code)) return [];
    const at = search.get("at");
    const query = at && ISO_DATE.test(at) ? `?at=${encodeURIComponent(at)}` : "";
    return [`/api/public/procedures/${encodeURIComponent(code)}${query}`];
  }
  return [];
}

const escapeAttribute = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** index.html with the address's preloads before </head>; the same text when there are none. */
export function withRouteHints(html: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://localhost");
  } catch {
    return html;
  }
  let preloads: string[];
  try {
    preloads = dataPreloads(parsed.pathname, parsed.searchParams);
  } catch {
    return html; // A malformed escape in the path: the page shows its own "not found".
  }
  if (preloads.length === 0) return html;
  // crossorigin="anonymous" gives the credentials mode of the app's fetch (same-origin), so the
  // browser hands the preloaded response to it.
  const links = preloads
    .map(
      (href) => `<link rel="preload" href="${escapeAttribute(href)}" as="fetch" crossorigin="anonymous" />`,
    )
    .join("\n    ");
  return html.replace("</head>", `  ${links}\n  </head>`);
}
