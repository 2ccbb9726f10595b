// Prints the text layer of the PDF read from stdin, one JSON string per page, as pdf.js extracts it.
// A separate process: pdf.js ships as an ES module only, which the tests' CommonJS transform cannot load.
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const standardFontDataUrl = createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'standard_fonts/');
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const content = await (await doc.getPage(n)).getTextContent();
  pages.push(content.items.map((item) => item.str ?? '').join(''));
}
await doc.destroy();
process.stdout.write(JSON.stringify(pages));
