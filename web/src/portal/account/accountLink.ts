// The token of a set-password link (`/dat-mat-khau#t=<token>`, mailed for an invitation or a
// reset). It travels in the fragment, which browsers never send to the server.

/** The token of `#t=<token>`, or "" (the fragment is not form-encoded: "+" stays "+"). */
export function tokenOfHash(hash: string): string {
  const match = /(?:^#?|&)t=([^&]*)/.exec(hash);
  if (!match?.[1]) return "";
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return "";
  }
}
