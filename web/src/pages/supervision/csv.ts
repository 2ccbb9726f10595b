/**
 * A CSV file's text as Excel opens it without an import dialog: a UTF-8 byte-order mark (or Excel
 * reads Chinese as the system code page), CRLF line ends, every field quoted with quotes doubled.
 */
export function csvText(rows: (string | number | null | undefined)[][]): string {
  const field = (value: string | number | null | undefined) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  return '\uFEFF' + rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
