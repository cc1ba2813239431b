/**
 * Pintu on WhatsApp end to end without a network: a fake socket emitting Baileys' `messages.upsert` payloads (shapes
 * from real logs, `payloads.ts`) drives the real adapter, engine, NLU, database, Redis and outbox; replies come back
 * through the socket's `sendMessage` as plain text with numbered choices. Pairing shows on /readyz; a complaint with
 * a photo is filed by typed numbers; a list reply picks a service; stickers, reactions, own messages, groups and
 * repeats are handled as they should be; a number that is not on WhatsApp is undeliverable; a socket that is down
 * or closes mid-send makes the message wait. "Now" is Monday 30 November 2026, 10:00 WIB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { DeliveryRetryLater, Undeliverable } from '../../src/core/errors.js';
import { I18n } from '../../src/core/i18n.js';
import { WhatsAppSender } from '../../src/channels/whatsapp/whatsapp-sender.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/senders.js';
import { createOfficer, signInCookie } from '../support/dashboard.js';
import { connectionClosedError, FakeSockets, type FakeSocket } from './fake-socket.js';
import {
  conversationUpsert,
  editedUpsert,
  GROUP_JID,
  groupTextUpsert,
  imageUpsert,
  listResponseUpsert,
  reactionUpsert,
  RESIDENT_PN,
  stickerUpsert,
  type UpsertEvent,
} from './payloads.js';

const clock = new FixedClock('2026-11-30T03:00:00Z');

function textOf(content: unknown): string {
  return (content as { text?: string; caption?: string }).text ?? (content as { caption?: string }).caption ?? '';
}

describe('WhatsApp end to end', () => {
  const sockets = new FakeSockets();
  let t: TestApp;
  let socket: FakeSocket;

  /** Emits an upsert and waits until `count` more messages went out to `jid`; returns their texts. */
  async function say(event: UpsertEvent, jid = RESIDENT_PN, count = 1): Promise<string[]> {
    const before = socket.sent.filter((s) => s.jid === jid).length;
    socket.emit('messages.upsert', event);
    await waitFor(() => socket.sent.filter((s) => s.jid === jid).length >= before + count, `${count} message(s) to ${jid}`, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    return socket.sent.filter((s) => s.jid === jid).slice(before).map((s) => textOf(s.content));
  }

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      workers: true,
      whatsappSocketFactory: sockets.factory,
      env: { WHATSAPP_ENABLED: '1', WHATSAPP_SEND_JITTER_MS: '0', OUTBOX_RATE_WHATSAPP: '1000/1000', OUTBOX_RATE_WHATSAPP_CHAT: '100/1000', USER_RATE_LIMIT: '100/1000' },
    });
    await t.app.listen();
    socket = sockets.current;
  });
  afterAll(async () => t?.dispose());

  it('is not ready until paired: /readyz says so while the QR waits, then ready once open', async () => {
    socket.showQr();
    await waitFor(() => t.app.whatsapp!.status === 'waiting_for_qr', 'the QR');
    const waiting = await t.app.http!.inject({ method: 'GET', url: '/readyz' });
    expect(waiting.statusCode).toBe(503);
    expect(waiting.json().checks.whatsapp).toContain('not paired');
    // The operator pairs from the dashboard: the QR is drawn on the operations page.
    await createOfficer(t.app.orm, 'operator', 'operator', 'kata-sandi-operator');
    const cookie = await signInCookie(t.app.http!, 'operator', 'kata-sandi-operator');
    const ops = await t.app.http!.inject({ method: 'GET', url: '/admin/ops', headers: { cookie } });
    expect(ops.body).toContain('menunggu dipasangkan');
    expect(ops.body).toMatch(/<div class="qr"><svg[^>]*>/);
    socket.open();
    await waitFor(() => t.app.whatsapp!.status === 'open', 'open');
    expect((await t.app.http!.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers a greeting with the numbered menu and marks the message read', async () => {
    const event = conversationUpsert(RESIDENT_PN, 'halo');
    const [menu] = await say(event);
    expect(menu).toContain('Layanan yang bisa saya bantu');
    expect(menu).toMatch(/^1\. Pengaduan/m);
    expect(socket.read.map((k) => k.id)).toContain(event.messages[0]!.key.id);
  });

  it('files a complaint with a photo, answering the buttons with numbers', async () => {
    const [photos] = await say(conversationUpsert(RESIDENT_PN, 'lampu jalan mati di jalan suroyo depan sekolah sudah 3 hari'));
    expect(photos).toContain('Ada foto?');
    expect(photos).toMatch(/^1\. Lewati/m);
    const image = imageUpsert(RESIDENT_PN, 'ini fotonya');
    const [received] = await say(image);
    expect(received).toContain('Foto diterima (1/5)');
    const [privacy] = await say(conversationUpsert(RESIDENT_PN, '1'));
    expect(privacy).toContain('Laporan ini mau dibuat');
    const [summary] = await say(conversationUpsert(RESIDENT_PN, '1'));
    expect(summary).toContain('• Foto: 1');
    const [filed] = await say(conversationUpsert(RESIDENT_PN, '1'));
    const ticket = /PBL-2026-\d{6}/.exec(filed!)![0];
    const stored = await t.app.complaints.service.get(ticket);
    expect(stored.photos).toEqual([{ fileId: image.messages[0]!.key.id, caption: 'ini fotonya' }]);
    expect(t.app.whatsapp!.photoMessage(image.messages[0]!.key.id!)).toBe(image.messages[0]);
  });

  it('a list reply picks the service it names', async () => {
    const [answer] = await say(listResponseUpsert(RESIDENT_PN, 'intent:govis.recommend', 'Wisata'));
    expect(answer).toContain('Mau cari apa di Kota Probolinggo?');
    expect(answer).toMatch(/^1\. Wisata/m);
  });

  it('a sticker gets a polite note; a reaction, a group message and a repeated message get nothing', async () => {
    const [note] = await say(stickerUpsert(RESIDENT_PN));
    expect(note).toMatch(/teks|foto|lokasi/i);
    const before = socket.sent.length;
    socket.emit('messages.upsert', reactionUpsert(RESIDENT_PN, 'ABC123'));
    socket.emit('messages.upsert', groupTextUpsert(GROUP_JID, RESIDENT_PN, 'halo semua'));
    const repeated = conversationUpsert(RESIDENT_PN, 'terima kasih');
    await say(repeated);
    socket.emit('messages.upsert', repeated);
    await new Promise((r) => setTimeout(r, 600));
    expect(socket.sent.length).toBe(before + 1);
  });

  it('an edited message is not handled again; the resident is asked to send a new one', async () => {
    const [note] = await say(editedUpsert(RESIDENT_PN, 'ABCDEF0123456789', 'ralat: jalan mastrip'));
    expect(note).toContain('diedit');
  });

  it('messages that waited while Pintu was offline ("append") are answered when recent, not when they are history', async () => {
    const recent = conversationUpsert(RESIDENT_PN, 'menu', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const [menu] = await say({ ...recent, type: 'append' });
    expect(menu).toContain('Layanan yang bisa saya bantu');
    const before = socket.sent.length;
    const old = conversationUpsert(RESIDENT_PN, 'menu', { timestamp: Math.floor(Date.now() / 1000) - 3 * 24 * 3600 });
    socket.emit('messages.upsert', { ...old, type: 'append' });
    await new Promise((r) => setTimeout(r, 600));
    expect(socket.sent.length).toBe(before);
  });

  it('a number that is not on WhatsApp is marked undeliverable, not retried', async () => {
    const jid = '6289999999999@s.whatsapp.net';
    sockets.notOnWhatsApp.add(jid);
    await t.app.users.resolve('whatsapp', '6289999999999', { locale: 'id' });
    const [id] = await t.app.engine.notify([{ channel: 'whatsapp', address: '6289999999999', kind: 'notice', reply: { text: 'Laporan Anda selesai.' } }]);
    await waitFor(async () => (await t.app.messageLog.listOutbound('undeliverable')).some((r) => r.id === id), 'undeliverable');
    expect(await t.app.users.isUnreachable('whatsapp', '6289999999999')).toBe(true);
    expect(socket.sent.some((s) => s.jid === jid)).toBe(false);
  });
});

describe('WhatsApp sender', () => {
  const t = new I18n().forLocale('id');

  it('waits while the socket is down, and when it closes mid-send', async () => {
    const sockets = new FakeSockets();
    let open: FakeSocket | undefined;
    const sender = new WhatsAppSender(() => open, t, { jitterMs: 0 });
    await expect(sender.send('6281234567890', { text: 'halo' })).rejects.toBeInstanceOf(DeliveryRetryLater);
    open = sockets.factory({} as never) as FakeSocket;
    open.failNextSend = connectionClosedError();
    await expect(sender.send('6281234567890', { text: 'halo' })).rejects.toBeInstanceOf(DeliveryRetryLater);
    await sender.send('6281234567890', { text: 'halo' });
    expect(open.sent).toEqual([{ jid: '6281234567890@s.whatsapp.net', content: { text: 'halo', linkPreview: null } }]);
  });

  it('says undeliverable for a number not on WhatsApp, and waits a random moment before each send', async () => {
    const sockets = new FakeSockets();
    const socket = sockets.factory({} as never) as FakeSocket;
    sockets.notOnWhatsApp.add('6280000000000@s.whatsapp.net');
    const waits: number[] = [];
    const sender = new WhatsAppSender(() => socket, t, { jitterMs: 1500, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    await expect(sender.send('6280000000000', { text: 'x' })).rejects.toBeInstanceOf(Undeliverable);
    await sender.send('6281111111111', { text: 'halo', choices: [{ label: 'Ya', value: 'yes' }, { label: 'Tidak', value: 'no' }] });
    expect(waits).toEqual([750]);
    expect(textOf(socket.sent[0]!.content)).toMatch(/1\. Ya\n2\. Tidak/);
  });
});
