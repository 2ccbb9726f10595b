/** Offers `content` (a CSV's text, a PDF's bytes) as a download named `fileName`. */
export function download(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Offers a letter's PDF (its bytes in base64, as the API sends them) as `<title>-<issuedOn>.pdf`. */
export function downloadLetterPdf(letter: { title: string; issuedOn: string; pdfBase64: string }): void {
  download(`${letter.title}-${letter.issuedOn}.pdf`, Uint8Array.from(atob(letter.pdfBase64), (c) => c.charCodeAt(0)), 'application/pdf');
}
