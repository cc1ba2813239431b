/**
 * The two ways a source can fail. Both carry enough context to act on: which field or URL, what was seen, and
 * what to do next.
 */

/** Longest sample of the offending value kept in an error (the rest is cut with "…"). */
const SAMPLE_MAX = 160;

/** `value` as a short one-line sample for an error message. */
export function sampleOf(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SAMPLE_MAX ? `${oneLine.slice(0, SAMPLE_MAX)}…` : oneLine;
}

/** What a {@link SourceFormatError} knows. */
export interface SourceFormatDetails {
  /** The field, column or part that broke, e.g. "hps", "column 4", "jadwal table". */
  field: string;
  /** The offending value (kept as a short sample). */
  value?: unknown;
  /** What to do about it. */
  hint?: string;
  /** Where the data came from (URL or fixture name), when known. */
  location?: string;
  cause?: unknown;
}

/**
 * The source answered, but not in the shape the parser knows: the site or API changed, or the wrong page came
 * back. Retrying will not help; the parser needs a look.
 */
export class SourceFormatError extends Error {
  /** What is wrong, without the context (e.g. "not a rupiah amount"). */
  readonly problem: string;
  /** The field, column or part that broke. */
  readonly field: string;
  /** A short sample of the offending value. */
  readonly sample?: string;
  /** What to do about it. */
  readonly hint: string;
  /** Where the data came from, when known. */
  readonly location?: string;

  constructor(problem: string, details: SourceFormatDetails) {
    const hint =
      details.hint ??
      'The LPSE/ISB format may have changed: compare a fresh capture with data/lpse-fixtures and update the parser.';
    const sample = details.value === undefined ? undefined : sampleOf(details.value);
    const where = details.location ? ` (${details.location})` : '';
    const seen = sample === undefined ? '' : ` Got: "${sample}".`;
    super(`${details.field}: ${problem}${where}.${seen} ${hint}`, { cause: details.cause });
    this.name = 'SourceFormatError';
    this.problem = problem;
    this.field = details.field;
    this.sample = sample;
    this.hint = hint;
    this.location = details.location;
  }

  /** The same error, told where the data came from (kept when already known). */
  at(location: string): SourceFormatError {
    if (this.location) return this;
    return new SourceFormatError(this.problem, {
      field: this.field,
      value: this.sample,
      hint: this.hint,
      location,
      cause: this.cause,
    });
  }
}

/** What a {@link SourceUnavailableError} knows. */
export interface SourceUnavailableDetails {
  /** The URL that failed. */
  url: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** How long the source asked us to wait, when it said (Retry-After). */
  retryAfterMs?: number;
  /** What to do about it. */
  hint?: string;
  cause?: unknown;
}

/**
 * The source cannot be used right now: network failure, rate limiting or blocking that outlasted the retries,
 * an SPSE error page (served with status 200), or a redirect to the portal (wrong LPSE path). Try again later;
 * if it persists, check the base URL in a browser.
 */
export class SourceUnavailableError extends Error {
  readonly url: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly hint: string;

  constructor(reason: string, details: SourceUnavailableDetails) {
    const hint =
      details.hint ?? 'Try again later; if it keeps failing, open the URL in a browser to see what the site shows.';
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    super(`${reason}${status} at ${details.url}. ${hint}`, { cause: details.cause });
    this.name = 'SourceUnavailableError';
    this.url = details.url;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.hint = hint;
  }
}
