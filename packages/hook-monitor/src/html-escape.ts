const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG content and attribute values (hook ids come from user config). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** A number rounded for SVG coordinates. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
