/**
 * A minimal cookie jar for one client talking to one site: cookies are kept per host (Domain and Path are not
 * interpreted; each client has its own jar, so the SPSE_SESSION of one LPSE never reaches another client).
 * Expired cookies (Max-Age ≤ 0 or Expires in the past) are dropped.
 */

/** Cookies by host, name → value. */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remember the `Set-Cookie` headers of a response from `url`. */
  store(url: string, setCookies: readonly string[]): void {
    if (!setCookies.length) return;
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (this.isExpired(attributes)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }

  /** The `Cookie` header to send to `url`, or undefined when there are none. */
  header(url: string): string | undefined {
    const jar = this.byHost.get(new URL(url).host);
    if (!jar?.size) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One cookie's raw value for `url`'s host. */
  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }

  /** Forget every cookie of `url`'s host (a fresh session). */
  clear(url: string): void {
    this.byHost.delete(new URL(url).host);
  }

  private isExpired(attributes: string[]): boolean {
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.split('=');
      const value = rest.join('=').trim();
      const name = key.trim().toLowerCase();
      if (name === 'max-age' && /^-?\d+$/.test(value) && Number(value) <= 0) return true;
      if (name === 'expires') {
        const at = Date.parse(value);
        if (!Number.isNaN(at) && at <= this.now()) return true;
      }
    }
    return false;
  }
}
