/** The views of one message that entity extractors read. */
export interface EntityInput {
  /** Cleaned text, case preserved (no control chars, URLs or HTML): for ids, numbers and money. */
  clean: string;
  /** Normalised text (lower-case, slang and regional words mapped): for dates, durations and places. */
  norm: string;
  /** The moment the message was received; relative dates are resolved against it in WIB. */
  now: Date;
}
