import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AgreementDocument } from './document.ts';

// DejaVu covers Latin and Cyrillic; the TTFs ship in an npm package, so no system fonts are needed.
const require = createRequire(import.meta.url);
const regular = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const bold = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Lays the document model out as an A4 PDF (fonts embedded and subset). */
export function renderDocumentPdf(doc: AgreementDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: doc.title, Creator: 'Evergreen' },
      lang: doc.language,
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', regular);
    pdf.registerFont('bold', bold);
    pdf.font('bold').fontSize(18).text(doc.title);
    pdf.font('regular').fontSize(11).fillColor('#555555').text(doc.subtitle).fillColor('#111111');
    doc.sections.forEach((s, i) => {
      pdf.moveDown(1);
      pdf
        .font('bold')
        .fontSize(12)
        .text(`${i + 1}. ${s.heading}`);
      pdf.moveDown(0.3);
      pdf.font('regular').fontSize(10.5);
      for (const p of s.paragraphs) pdf.text(p, { paragraphGap: 4 });
      for (const [k, v] of s.rows ?? []) {
        const y = pdf.y;
        pdf.text(k, 72, y, { width: 300 });
        const after = pdf.y;
        pdf.text(v, 380, y, { width: 150, align: 'right' });
        pdf.x = 56;
        pdf.y = Math.max(after, pdf.y);
      }
      pdf.x = 56;
    });
    pdf.end();
  });
}
