// Control characters (other than tab and line breaks) have no business in a form and could upset
// whatever later shows or exports the text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A form field as text: strings without control characters and surrounding space; numbers as written. */
export function formText(value: unknown): string {
  if (typeof value === 'string') return value.replace(CONTROL, '').trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
