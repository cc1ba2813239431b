/**
 * The `authenticityToken` SPSE wants in every DataTables POST. The `/lelang` page sets it in its script
 * (`d.authenticityToken = '…';`); the SPSE_SESSION cookie carries the same token as `___AT` (next to `___TS` and
 * `___ID`), URL-encoded, after a signature and a dash.
 */

/** The token in a page's script or hidden form field, or undefined. */
export function tokenFromPage(html: string): string | undefined {
  return (
    /authenticityToken\s*[:=]\s*['"]([^'"\s]+)['"]/.exec(html)?.[1] ??
    /name=["']authenticityToken["'][^>]*value=["']([^"']+)["']/i.exec(html)?.[1]
  );
}

/** `text` URL-decoded until stable (at most twice), or as is when it is not valid percent-encoding. */
function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 2; i++) {
    try {
      const next = decodeURIComponent(current.replace(/\+/g, ' '));
      if (next === current) break;
      current = next;
    } catch {
      break;
    }
  }
  return current;
}

/**
 * The token in an SPSE_SESSION cookie value (`sig-___AT=token&___TS=…&___ID=…`, or the older
 * `sig-%00___AT%3Atoken%00…` form), or undefined.
 */
export function tokenFromSessionCookie(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /___AT[=:]([^&\u0000;,\s]+)/.exec(decodeFully(value))?.[1];
}
