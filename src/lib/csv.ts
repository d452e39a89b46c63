/** CSV as spreadsheets read it: RFC 4180 fields, CRLF lines, UTF-8 with a BOM for Excel. */

/** One CSV field, never read as a formula by a spreadsheet: only a plain number may lead with '-'. */
export function csvField(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as one CSV document. */
export function csvDocument(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
