/**
 * The production socket: Baileys' `makeWASocket` on our auth state, quiet (Baileys logs through a child of our
 * logger at warn level), not marking the account online and not syncing history (Pintu answers new messages only).
 */
import makeWASocket, { Browsers } from '@whiskeysockets/baileys';
import type { Logger as PinoLogger } from 'pino';
import type { SocketFactory, WaSocketLike } from './whatsapp-connection.js';

/** A {@link SocketFactory} that opens real WhatsApp Web sockets. */
export function baileysSocketFactory(logger: PinoLogger): SocketFactory {
  const quiet = logger.child({ module: 'baileys' }, { level: 'warn' });
  return (auth) =>
    makeWASocket({
      auth,
      logger: quiet,
      browser: Browsers.ubuntu('Pintu'),
      markOnlineOnConnect: false,
      syncFullHistory: false,
    }) as unknown as WaSocketLike;
}
