/**
 * Query answers as CSV (RFC 4180): one row per item of a list, a column per field, nested fields flattened with dots
 * (`totals.netPay`), lists joined with `;`. A cell that a spreadsheet would run as a formula, one that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return, is prefixed with `'` (OWASP's CSV injection advice), so an exported
 * name such as `=HYPERLINK(…)` stays text; a negative amount is therefore shown as `'-12.50`.
 */
export function toCsv(items: readonly unknown[]): string {
  const rows = items.map((item) => flatten(item));
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [columns.map(cell).join(','), ...rows.map((row) => columns.map((key) => cell(row[key])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out[prefix || 'value'] = Array.isArray(value) ? value.map((v) => text(v)).join(';') : value;
    return out;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) flatten(inner, path, out);
    else out[path] = Array.isArray(inner) ? inner.map((v) => text(v)).join(';') : inner;
  }
  return out;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  let content = text(value);
  if (FORMULA.test(content)) content = `'${content}`;
  return /[",\r\n]/.test(content) ? `"${content.replace(/"/g, '""')}"` : content;
}
