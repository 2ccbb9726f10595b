import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * The text layer of a PDF, page by page, as pdf.js (Mozilla's PDF renderer) extracts it: what a
 * reader's viewer would copy. A PDF whose Chinese glyphs lack their Unicode map extracts as
 * gibberish or nothing, so comparing this text checks the font was embedded right.
 */
export function pdfText(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text-cli.mjs')], { env: { PATH: process.env.PATH }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as string[]);
    });
    child.stdin!.end(pdf);
  });
}

/** The font names a PDF embeds (subset-tagged BaseFont names, e.g. "ABCDEF+NotoSansSC-Regular"). */
export function embeddedFonts(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/BaseFont \/([A-Z]{6}\+[^\s/]+)/g)].map((m) => m[1]);
}
