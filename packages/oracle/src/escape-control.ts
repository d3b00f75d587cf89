// Text a server sent (error bodies, model lists, batch errors) reaches terminals inside our error
// lines. Control characters in it would be interpreted there: ANSI/OSC escapes can recolour, clear
// the screen, retitle the window or write to the clipboard. They are shown as `\xHH` instead.

// C0 controls, DEL and the C1 range (U+0080–U+009F, which some terminals read as ESC sequences too).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const hex = (char: string): string => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

export interface EscapeControlOptions {
  /** Leave `\n` as it is (multi-line text such as a stack). @default false */
  readonly keepNewlines?: boolean | undefined;
}

/** Replaces every control character (tabs and newlines too, unless kept) with its visible `\xHH` form. */
export function escapeControl(text: string, options: EscapeControlOptions = {}): string {
  return text.replace(options.keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, hex);
}
