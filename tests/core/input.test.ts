/** Text clean-up and choice matching, the pieces every channel relies on. */
import { describe, expect, it } from 'vitest';
import { globalCommand } from '../../src/core/commands.js';
import { matchChoice } from '../../src/core/flow.js';
import { prepareText } from '../../src/core/input.js';
import { replyAsText } from '../../src/core/render.js';

const choices = [
  { label: 'Pengaduan: jalan rusak', value: 'intent:complaint.file' },
  { label: 'SISKIA: pengingat', value: 'intent:siskia.register' },
];

describe('prepareText', () => {
  it('strips control and bidi characters, trims, normalises', () => {
    expect(prepareText(' \u0000ha\u202Elo\u0007 ', 100)).toEqual({ text: 'halo', truncated: false, emojiOnly: false });
  });
  it('cuts by code points, never in the middle of an emoji', () => {
    const r = prepareText('😀'.repeat(10), 3);
    expect(r).toEqual({ text: '😀😀😀', truncated: true, emojiOnly: true });
  });
  it('detects emoji-only messages but not text with emoji', () => {
    expect(prepareText('👍🏽🙏', 100).emojiOnly).toBe(true);
    expect(prepareText('makasih 🙏', 100).emojiOnly).toBe(false);
    expect(prepareText('12345', 100).emojiOnly).toBe(false);
  });
});

describe('choices', () => {
  it('a number, the value or the start of the label picks an option', () => {
    expect(matchChoice('2', choices)?.value).toBe('intent:siskia.register');
    expect(matchChoice('1.', choices)?.value).toBe('intent:complaint.file');
    expect(matchChoice('siskia', choices)?.value).toBe('intent:siskia.register');
    expect(matchChoice('3', choices)).toBeUndefined();
    expect(matchChoice('jalan depan rumah rusak', choices)).toBeUndefined();
  });
  it('renders choices as a numbered list where there are no buttons', () => {
    expect(replyAsText({ text: 'Pilih:', choices })).toBe('Pilih:\n\n1. Pengaduan: jalan rusak\n2. SISKIA: pengingat');
  });
});

describe('global commands', () => {
  it.each([
    ['batal', 'cancel'],
    ['/batal', 'cancel'],
    ['Gak jadi!', 'cancel'],
    ['/menu@PintuBot', 'menu'],
    ['MENU', 'menu'],
    ['english', 'lang:en'],
  ])('%s → %s', (text, cmd) => expect(globalCommand(text)).toBe(cmd));
  it('does not fire inside longer messages', () => {
    expect(globalCommand('pembatalan izin usaha saya ditolak')).toBeUndefined();
    expect(globalCommand('menu makanan di alun alun')).toBeUndefined();
  });
});
