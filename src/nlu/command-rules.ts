/**
 * Keyword rules that are surer than the classifier: whole-message commands ("batal", "menu", "hapus data"),
 * bare greetings and thanks, and ticket ids (a message naming `PBL-…` asks about that complaint).
 */
import type { IntentName } from '../core/understanding.js';

/** A rule's verdict: the intent and how sure the rule is. */
export interface RuleHit {
  intent: IntentName;
  confidence: number;
  rule: string;
}

const CANCEL = new Set(['batal', 'batalkan', 'cancel', 'tidak jadi', 'stop', 'gak jadi', 'sudahi', 'batal saja', 'tidak jadi saja', 'cancel saja', 'batalin', 'ga jadi', 'exit', 'quit']);
const HELP = new Set(['menu', 'menu utama', 'start', 'mulai', 'help', 'help me', 'bantuan', 'tolong bantu', 'main menu', 'kembali ke menu', 'bisa apa saja', 'fitur', 'layanan', 'daftar layanan']);
const DATA_DELETE = new Set(['hapus data', 'hapus data saya', 'hapus semua data', 'hapus semua data saya', 'hapus akun', 'hapus akun saya', 'delete my data', 'delete data']);

const VOCATIVES = new Set(['admin', 'kak', 'kakak', 'pak', 'bapak', 'bu', 'ibu', 'mbak', 'mas', 'bos', 'gan', 'dik', 'sob', 'bang', 'om', 'tante', 'bund', 'bunda', 'semua', 'pintu', 'bot', 'cak', 'ning', 'ya', 'yaa', 'dong', 'nih', 'bidan']);
const GREETING_WORDS = new Set(['halo', 'hallo', 'helo', 'hello', 'hai', 'hi', 'hey', 'hei', 'hay', 'pagi', 'siang', 'sore', 'malam', 'selamat', 'assalamualaikum', 'salam', 'permisi', 'punten', 'p', 'ping', 'tes', 'test', 'om swastiastu', 'shalom', 'waalaikumsalam', 'warahmatullahi', 'wabarakatuh', 'wr', 'wb', 'met', 'slmt', 'bismillah', 'sejahtera', 'swastiastu', 'om', 'rahayu', 'sampurasun']);
const THANKS_WORDS = new Set(['terima', 'kasih', 'banyak', 'sekali', 'sangat', 'oke', 'sip', 'siap', 'mantap', 'mantab', 'baik', 'nggih', 'iya', 'jazakallah', 'khairan', 'thanks', 'thank', 'you', 'tengkyu', 'makasih', 'sudah', 'membantu', 'infonya', 'info', 'atas', 'bantuannya', 'ok', 'alhamdulillah', 'luar', 'biasa', 'keren', 'cepat', 'responnya', 'maturnuwun', 'banget', 'lah', 'deh', 'ya']);

function allIn(tokens: readonly string[], ...sets: ReadonlySet<string>[]): boolean {
  return tokens.every((t) => sets.some((s) => s.has(t)));
}

/**
 * How many leading words of a message are a greeting with its vocatives ("assalamualaikum min, …",
 * "pagi pak, …"). The rest says what the resident wants; the greeting should not outvote it.
 */
export function greetingPrefixLength(words: readonly string[]): number {
  let n = 0;
  let sawGreeting = false;
  while (n < words.length && (GREETING_WORDS.has(words[n]!) || VOCATIVES.has(words[n]!))) {
    if (GREETING_WORDS.has(words[n]!)) sawGreeting = true;
    n++;
  }
  return sawGreeting ? n : 0;
}

/** Messages without words: a lone "?" asks for help; 🙏 or 👍 says thanks. */
export function symbolRule(clean: string): RuleHit | undefined {
  const s = clean.replace(/\s+/g, '');
  if (/^\?+$/.test(s)) return { intent: 'help', confidence: 0.7, rule: 'question-mark' };
  if (/^(?:🙏|👍|👌|🙏🏻|🙏🏼|🙏🏽|🙏🏾|🙏🏿|👍🏻|👍🏼|👍🏽|👍🏾|👍🏿)+$/u.test(s)) return { intent: 'thanks', confidence: 0.8, rule: 'thanks-emoji' };
  return undefined;
}

/** Whole-message rules over the normalised text's word tokens (punctuation removed). */
export function commandRule(words: readonly string[]): RuleHit | undefined {
  // Commands, greetings and thanks are short; most messages are not.
  if (words.length === 0 || words.length > 8) return undefined;
  const said = words.join(' ');
  if (CANCEL.has(said)) return { intent: 'cancel', confidence: 0.97, rule: 'cancel-command' };
  if (HELP.has(said)) return { intent: 'help', confidence: 0.95, rule: 'help-command' };
  if (DATA_DELETE.has(said)) return { intent: 'data.delete', confidence: 0.95, rule: 'delete-command' };
  const content = words.filter((w) => !VOCATIVES.has(w));
  if (content.length > 0 && allIn(content, GREETING_WORDS) && content.some((w) => w !== 'selamat')) {
    return { intent: 'greeting', confidence: 0.95, rule: 'greeting-only' };
  }
  // "min", "kak", "mas": calling someone to get attention.
  if (content.length === 0 && words.length <= 3) return { intent: 'greeting', confidence: 0.8, rule: 'vocative-only' };
  if (said.includes('terima kasih') || said.includes('suwun') || said.includes('tengkyu')) {
    if (allIn(content, THANKS_WORDS, GREETING_WORDS)) return { intent: 'thanks', confidence: 0.95, rule: 'thanks-only' };
  }
  return undefined;
}

const STATUS_WORDS = /\b(cek|status|bagaimana|gimana|sudah|sampai mana|progres|progress|perkembangan|kabar|lacak|tindak lanjut|ditindaklanjuti|laporan|tiket|nomor)\b/;

/** A message naming a ticket id asks about that complaint: surer when it is short or asks about status. */
export function ticketRule(normalised: string, ticketIds: readonly string[], wordCount: number): RuleHit | undefined {
  if (ticketIds.length === 0) return undefined;
  if (wordCount <= 6 || STATUS_WORDS.test(normalised)) return { intent: 'complaint.status', confidence: 0.96, rule: 'ticket-id' };
  return { intent: 'complaint.status', confidence: 0.8, rule: 'ticket-id-long' };
}
