/**
 * Commands that work from anywhere in any conversation, on every channel, in both languages.
 * Matched on the whole message so "batal" cancels but "pembatalan izin" is still a complaint.
 */

/** A global command. */
export type GlobalCommand = 'cancel' | 'menu' | 'help' | 'lang:id' | 'lang:en';

const COMMANDS: Record<GlobalCommand, readonly string[]> = {
  cancel: ['batal', 'batalkan', 'cancel', 'gak jadi', 'ga jadi', 'nggak jadi', 'tidak jadi', 'ndak jadi', 'stop'],
  menu: ['menu', 'start', 'mulai', 'menu utama', 'kembali', 'main menu'],
  help: ['bantuan', 'help', 'tolong bantu'],
  'lang:id': ['bahasa indonesia', 'indonesia', 'indonesian', 'lang id'],
  'lang:en': ['english', 'bahasa inggris', 'in english', 'lang en'],
};

const LOOKUP = new Map<string, GlobalCommand>(
  Object.entries(COMMANDS).flatMap(([cmd, words]) => words.map((w) => [w, cmd as GlobalCommand])),
);

/** Choice values that act as global commands, so a "Batal" button works the same as typing it. */
export const COMMAND_CHOICES: Record<string, GlobalCommand> = { cancel: 'cancel', menu: 'menu', help: 'help' };

/** The global command a message or button means, if any. Accepts a leading "/" (Telegram commands). */
export function globalCommand(text: string, choice?: string): GlobalCommand | undefined {
  if (choice && COMMAND_CHOICES[choice]) return COMMAND_CHOICES[choice];
  const said = text
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/@\w+$/, '')
    .replace(/[!.?,]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (said === 'batal' || said === 'cancel') return 'cancel';
  return LOOKUP.get(said);
}
