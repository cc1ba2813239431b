/**
 * Who may use the admin and Open311 APIs: bearer tokens with a scope, and the storage port that `src/db`
 * implements (`admin-tokens.ts`). Types only; nothing here knows a database.
 */

/** What a token may do: everything (the coordinator), one office's tickets, or post and read through Open311. */
export type AdminScope = { kind: 'coordinator' } | { kind: 'office'; office: string } | { kind: 'open311' };

/** The holder of a valid token. */
export interface Officer {
  /** The token's id (for the audit trail and revocation); never the token itself. */
  id: string;
  /** Who the token was issued to ("Dinas PUPR – Budi"). */
  name: string;
  scope: AdminScope;
}

/** A token as operators list it: who holds it, since when, and whether it was revoked. */
export interface AdminTokenInfo extends Officer {
  createdAt: Date;
  revokedAt?: Date;
}

/** Storage for API tokens. Only a hash of each token is kept; the token itself is shown once, at creation. */
export interface AdminTokenStore {
  /** Issues a token; the returned `token` cannot be recovered later. */
  create(input: { name: string; scope: AdminScope; at: Date }): Promise<{ id: string; token: string }>;
  /** The officer holding `token`, or `undefined` when it is unknown or revoked. */
  verify(token: string): Promise<Officer | undefined>;
  /** Every token issued, newest first. */
  list(): Promise<AdminTokenInfo[]>;
  /** Revokes a token; false when there was no such token or it was already revoked. */
  revoke(id: string, at?: Date): Promise<boolean>;
}
