import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * The Chinese font embedded in every letter: Noto Sans SC (SIL Open Font License), shipped in the
 * npm package and read from disk once; each PDF embeds only the glyphs it uses (pdfkit subsets it).
 * Nothing is fetched at run time.
 */
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
let font: Buffer | undefined;

/** A letter as laid out: the heading, the body paragraphs, and the signature block at the foot. */
export interface LetterLayout {
  title: string;
  /** The reference line under the title, e.g. the request's number. */
  reference: string;
  /** 称谓, e.g. "林小明：". */
  salutation: string;
  paragraphs: string[];
  /** The issuing agency and the date, right-aligned at the end. */
  signature: string[];
  /** Written into the PDF's metadata, so the same letter always renders to the same bytes. */
  issuedAt: Date;
}

/** The plain text of a letter, as the requester's page and the e-mail show it. */
export function letterText(layout: LetterLayout): string {
  return [layout.title, layout.reference, '', layout.salutation, ...layout.paragraphs.map((p) => `　　${p}`), '', ...layout.signature].join('\n');
}

/** Renders a letter to an A4 PDF with the Chinese font embedded. @returns the PDF and its SHA-256 (hex). */
export async function renderLetterPdf(layout: LetterLayout): Promise<{ pdf: Buffer; sha256: string }> {
  font ??= readFileSync(FONT_FILE);
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 80 },
    info: { Title: layout.title, Producer: 'disclosure hub', Creator: 'disclosure hub', CreationDate: layout.issuedAt, ModDate: layout.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('letter', font);
  doc.font('letter');
  doc.fontSize(18).text(layout.title, { align: 'center' });
  doc.moveDown(0.5).fontSize(10.5).text(layout.reference, { align: 'center' });
  doc.moveDown(1.5).fontSize(12).text(layout.salutation);
  for (const paragraph of layout.paragraphs) doc.moveDown(0.6).text(paragraph, { indent: 24, lineGap: 4, align: 'justify' });
  doc.moveDown(2);
  for (const line of layout.signature) doc.text(line, { align: 'right' });
  doc.end();
  await ended;
  const pdf = Buffer.concat(chunks);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
