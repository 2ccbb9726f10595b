import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/knex';
import PDFDocument from 'pdfkit';
import { RequestLetterEntity } from '../entities/letter.entity';

/**
 * The Chinese font embedded in every letter: Noto Sans SC (SIL Open Font License), shipped in the
 * npm package and read from disk once; each PDF embeds only the glyphs it uses (pdfkit subsets it).
 * Nothing is fetched at run time.
 */
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
let font: Buffer | undefined;

/**
 * OpenType features for laying out a line: kerning only. Chinese needs no shaping, and fontkit's
 * default feature set costs about ten times as much per line for this font (≈70 ms per letter).
 */
const LAYOUT_FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = ['kern'];

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
  /** The PDF's creation date in its metadata. */
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
    // No standard font: pdfkit would parse Helvetica's metrics for every document, unused here.
    font: null as unknown as string,
    size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 80 },
    info: { Title: layout.title, Producer: 'disclosure hub', Creator: 'disclosure hub', CreationDate: layout.issuedAt, ModDate: layout.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('letter', font);
  doc.font('letter');
  doc.fontSize(18).text(layout.title, { align: 'center', features: LAYOUT_FEATURES });
  doc.moveDown(0.5).fontSize(10.5).text(layout.reference, { align: 'center', features: LAYOUT_FEATURES });
  doc.moveDown(1.5).fontSize(12).text(layout.salutation, { features: LAYOUT_FEATURES });
  for (const paragraph of layout.paragraphs) doc.moveDown(0.6).text(paragraph, { indent: 24, lineGap: 4, align: 'justify', features: LAYOUT_FEATURES });
  doc.moveDown(2);
  for (const line of layout.signature) doc.text(line, { align: 'right', features: LAYOUT_FEATURES });
  doc.end();
  await ended;
  const pdf = Buffer.concat(chunks);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

/**
 * A letter's PDF: the stored one, or — the first time a letter leaves the agency — rendered from
 * its stored layout (≈60 ms, kept out of the step's transaction) and stored with its hash, never
 * to change. Two first renders at once store one of them (the conditional update), and both
 * callers get the stored one.
 */
export function storedLetterPdf(em: EntityManager, letter: RequestLetterEntity): Promise<{ pdf: Buffer; sha256: string }> {
  // A letter's `pdfBase64` and `sha256` are resolved side by side: one render serves both.
  let pending = inFlight.get(letter);
  if (!pending) inFlight.set(letter, pending = loadOrRender(em, letter));
  return pending;
}

const inFlight = new WeakMap<RequestLetterEntity, Promise<{ pdf: Buffer; sha256: string }>>();

async function loadOrRender(em: EntityManager, letter: RequestLetterEntity): Promise<{ pdf: Buffer; sha256: string }> {
  if (!letter.pdf) await em.populate(letter, ['pdf']);
  if (letter.pdf && letter.sha256) return { pdf: letter.pdf, sha256: letter.sha256 };
  const stored = JSON.parse(letter.layout) as LetterLayout;
  const rendered = await renderLetterPdf({ ...stored, issuedAt: new Date(stored.issuedAt) });
  await em.nativeUpdate(RequestLetterEntity, { id: letter.id, pdf: null }, rendered);
  const row = await em.fork().findOneOrFail(RequestLetterEntity, { id: letter.id }, { populate: ['pdf'] });
  letter.pdf = row.pdf;
  letter.sha256 = row.sha256;
  return { pdf: row.pdf!, sha256: row.sha256! };
}
