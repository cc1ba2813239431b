/** Long replies cut where a reader would: paragraphs, lines, sentences, words; never inside an emoji. */
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/core/split-text.js';

describe('splitText', () => {
  it('leaves a short text whole and trims it', () => {
    expect(splitText('  Halo, Bu.  ', 4096)).toEqual(['Halo, Bu.']);
    expect(splitText('   ', 4096)).toEqual([]);
  });

  it('cuts a 10,000-character reply into pieces of at most 4,096 that end at a sentence and lose nothing', () => {
    const sentence = 'Jalan di depan pasar rusak parah sejak minggu lalu. ';
    const text = sentence.repeat(200).trim();
    const pieces = splitText(text, 4096);
    expect(pieces.length).toBe(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  it('prefers a paragraph break, then a line break', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)}\n${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), `${'b'.repeat(30)}\n${'c'.repeat(30)}`]);
  });

  it('cuts a word longer than the limit, but never between the two halves of an emoji', () => {
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    const emoji = `${'y'.repeat(9)}😀z`;
    const pieces = splitText(emoji, 10);
    expect(pieces[0]).toBe('y'.repeat(9));
    expect(pieces[1]).toBe('😀z');
  });
});
