/**
 * A CSV file's text as Excel opens it without an import dialog: a UTF-8 byte-order mark (or Excel
 * reads Chinese as the system code page), CRLF line ends, every field quoted with quotes doubled.
 */
export function csvText(rows: (string | number | null | undefined)[][]): string {
  const field = (value: string | number | null | undefined) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  return '\uFEFF' + rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Offers `text` as a download named `fileName`. */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
