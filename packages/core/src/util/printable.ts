/**
 * Text from a registry or an artifact (a title, an annotation, an artifact type,
 * the registry's own words) as it may go into a log line: every control
 * character shown as an escape (`\n`, `\x1b`, `\u2028`), so no such text can end
 * the line and start one of its own (a forged `::error::` or `::add-mask::`
 * workflow command), colour or move a terminal, or open a GitLab log section.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/** Whether the text holds a character `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_TEST.test(text);
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (JavaScript and some viewers break lines there).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTROL_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(character: string): string {
  const code = character.charCodeAt(0);
  return NAMED[character] ?? (code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`);
}
