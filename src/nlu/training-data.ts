/**
 * Reads training utterances from plain text files: one utterance per line, `#` starts a comment line,
 * blank lines are ignored, and the file name (without `.txt`) is the label. See intents/README.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One labelled utterance and where it came from. */
export interface Utterance<L extends string> {
  text: string;
  label: L;
  /** `file:line`, for error reports and the evaluation's worst-mistakes list. */
  source: string;
}

/** Utterances read from a folder, plus the files whose names were not valid labels. */
export interface LoadedUtterances<L extends string> {
  utterances: Utterance<L>[];
  ignoredFiles: string[];
}

/** Parses one file's text into utterance lines (comments and blanks removed, duplicates kept once). */
export function parseUtteranceLines(content: string): { text: string; line: number }[] {
  const seen = new Set<string>();
  const out: { text: string; line: number }[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    const key = text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ text, line: i + 1 });
  });
  return out;
}

/**
 * Reads every `<label>.txt` in `dir` whose label is in `labels`. A missing folder gives no utterances
 * (training files are data that may be incomplete while they are being written).
 */
export function loadUtterances<L extends string>(dir: string, labels: readonly L[]): LoadedUtterances<L> {
  const utterances: Utterance<L>[] = [];
  const ignoredFiles: string[] = [];
  if (!existsSync(dir)) return { utterances, ignoredFiles };
  const valid = new Set<string>(labels);
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const label = file.slice(0, -4);
    if (!valid.has(label)) {
      ignoredFiles.push(file);
      continue;
    }
    const content = readFileSync(path.join(dir, file), 'utf8');
    for (const { text, line } of parseUtteranceLines(content)) {
      utterances.push({ text, label: label as L, source: `${file}:${line}` });
    }
  }
  return { utterances, ignoredFiles };
}
