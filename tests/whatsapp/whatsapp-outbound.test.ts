/** Pintu's replies as Baileys message contents: numbered choices instead of buttons, hints, media, long texts. */
import { describe, expect, it, vi } from 'vitest';
import { generateWAMessageContent } from '@whiskeysockets/baileys';
import type { AnyMessageContent } from '@whiskeysockets/baileys';
import { jidFor, MAX_TEXT, numberedChoices, toWhatsAppContents } from '../../src/channels/whatsapp/whatsapp-outbound.js';
import { Undeliverable } from '../../src/core/errors.js';
import { I18n } from '../../src/core/i18n.js';
import type { Reply } from '../../src/core/messages.js';

const i18n = new I18n();
const t = i18n.forLocale('id');
const HINT = 'Balas dengan nomor pilihan Anda.';
const LOCATION_HINT = t('whatsapp.location_hint');
const choices = [
  { label: 'Pengaduan', value: 'intent:complaint' },
  { label: 'SISKIA', value: 'intent:siskia' },
  { label: 'Wisata', value: 'intent:govis' },
];
const text = (s: string): AnyMessageContent => ({ text: s, linkPreview: null });
const texts = (contents: AnyMessageContent[]): string[] => contents.flatMap((c) => ('text' in c ? [c.text] : []));

describe('whatsapp outbound', () => {
  it.each<[string, Reply, AnyMessageContent[]]>([
    ['plain text, without link preview', { text: 'Laporan Anda kami terima. Cek di https://pintu.probolinggokota.go.id' }, [text('Laporan Anda kami terima. Cek di https://pintu.probolinggokota.go.id')]],
    ['choices as numbered lines and the hint', { text: 'Mau layanan apa?', choices }, [text(`Mau layanan apa?\n\n1. Pengaduan\n2. SISKIA\n3. Wisata\n\n${HINT}`)]],
    ['choices without text', { text: '', choices: choices.slice(0, 2) }, [text(`1. Pengaduan\n2. SISKIA\n\n${HINT}`)]],
    ['a location request as a hint on how to share it', { text: 'Di mana lokasinya?', requestLocation: true }, [text(`Di mana lokasinya?\n\n${LOCATION_HINT}`)]],
    [
      'choices and a location request: the location hint last',
      { text: 'Cari apa di dekat Anda?', choices: choices.slice(2), requestLocation: true },
      [text(`Cari apa di dekat Anda?\n\n1. Wisata\n\n${HINT}\n\n${LOCATION_HINT}`)],
    ],
    ['a photo with caption, then the text', { text: 'Ini bukti perbaikannya.', photo: { url: 'https://example.org/after.jpg', caption: 'Jl. Soekarno-Hatta' } }, [{ image: { url: 'https://example.org/after.jpg' }, caption: 'Jl. Soekarno-Hatta' }, text('Ini bukti perbaikannya.')]],
    ['a photo alone', { text: '', photo: { url: 'https://example.org/a.jpg' } }, [{ image: { url: 'https://example.org/a.jpg' } }]],
    [
      'a named pin, then the text with choices',
      { text: 'Museum Probolinggo', location: { lat: -7.7466, lon: 113.2157, name: 'Museum Probolinggo' }, choices: choices.slice(0, 1) },
      [{ location: { degreesLatitude: -7.7466, degreesLongitude: 113.2157, name: 'Museum Probolinggo' } }, text(`Museum Probolinggo\n\n1. Pengaduan\n\n${HINT}`)],
    ],
    ['a pin without name', { text: '', location: { lat: -7.75, lon: 113.21 } }, [{ location: { degreesLatitude: -7.75, degreesLongitude: 113.21 } }]],
    ['nothing to say', { text: '   ' }, []],
  ])('%s', (_name, reply, expected) => {
    expect(toWhatsAppContents(reply, t)).toEqual(expected);
  });

  it('the hints come in the resident language the caller picks', () => {
    const en = i18n.forLocale('en');
    expect(texts(toWhatsAppContents({ text: 'Which one?', choices: choices.slice(0, 1), requestLocation: true }, en))).toEqual([
      `Which one?\n\n1. Pengaduan\n\n${en('whatsapp.choices_hint')}\n\n${en('whatsapp.location_hint')}`,
    ]);
    expect(en('whatsapp.choices_hint')).not.toBe(HINT);
  });

  it('numbers choices the way the engine reads a typed number', () => {
    expect(numberedChoices(choices)).toBe('1. Pengaduan\n2. SISKIA\n3. Wisata');
  });

  it('a long text is split on sentence ends, with the choices on the last piece', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Kalimat nomor ${i + 1} tentang jadwal imunisasi.`).join(' ');
    const out = texts(toWhatsAppContents({ text: long, choices }, t));
    expect(out.length).toBeGreaterThan(2);
    for (const piece of out) expect(piece.length).toBeLessThanOrEqual(MAX_TEXT);
    for (const piece of out.slice(0, -1)) expect(piece).not.toContain(HINT);
    expect(out.at(-1)).toMatch(/imunisasi\.\n\n1\. Pengaduan\n2\. SISKIA\n3\. Wisata\n\nBalas dengan nomor pilihan Anda\.$/);
    expect(out.map((p) => p.replace(/\n\n1\. [\s\S]*$/, '')).join(' ')).toBe(long);
  });

  it('a 100,000-character text becomes pieces of at most 4,000 characters, nothing lost', () => {
    const long = 'Jalan rusak di depan pasar. '.repeat(3_572).slice(0, 100_000);
    const out = texts(toWhatsAppContents({ text: long }, t));
    expect(out.length).toBeGreaterThanOrEqual(25);
    for (const piece of out) expect(piece.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(out.join(' ').replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
  });

  it('when the choices do not fit under the last piece they follow in a message of their own', () => {
    const full = 'a'.repeat(MAX_TEXT - 10);
    const out = texts(toWhatsAppContents({ text: full, choices }, t));
    expect(out).toEqual([full, `1. Pengaduan\n2. SISKIA\n3. Wisata\n\n${HINT}`]);
  });

  it('every content is one Baileys can build a WhatsApp message from, without fetching anything', async () => {
    const upload = () => Promise.reject(new Error('nothing is uploaded for text and pins'));
    const getUrlInfo = vi.fn(() => Promise.resolve(undefined));
    const contents = toWhatsAppContents({ text: 'Lihat https://example.org', choices, requestLocation: true, location: { lat: -7.75, lon: 113.21, name: 'Balai Kota' } }, t);
    const [pin, message] = await Promise.all(contents.map((c) => generateWAMessageContent(c, { upload, getUrlInfo })));
    expect(pin?.locationMessage).toMatchObject({ degreesLatitude: -7.75, degreesLongitude: 113.21, name: 'Balai Kota' });
    expect(message?.extendedTextMessage?.text).toContain('3. Wisata');
    expect(getUrlInfo).not.toHaveBeenCalled();
  });
});

describe('jidFor', () => {
  it.each([
    ['6281234567890', '6281234567890@s.whatsapp.net'],
    ['+6281234567890', '6281234567890@s.whatsapp.net'],
    [' 6281234567890 ', '6281234567890@s.whatsapp.net'],
    ['6281234567890@s.whatsapp.net', '6281234567890@s.whatsapp.net'],
    ['201326548723401@lid', '201326548723401@lid'],
    ['120363041234567890@g.us', '120363041234567890@g.us'],
  ])('%s → %s', (address, jid) => {
    expect(jidFor(address)).toBe(jid);
  });

  it.each(['', '081234567890', '0812-3456-7890', 'siti', '62 812 3456 7890'])('"%s" can never be delivered', (address) => {
    expect(() => jidFor(address)).toThrow(Undeliverable);
  });
});
