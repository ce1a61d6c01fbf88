// The work summary as a Word document (.docx): what union offices file and
// print. Loaded only when asked for, so the page stays small.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { WorkSummary } from "@gen/unionhub/reporting/v1/summaries_pb";

const FONT = { eastAsia: "仿宋_GB2312", ascii: "Times New Roman" };
const HEADING_FONT = { eastAsia: "黑体", ascii: "Times New Roman" };

// A sentence's runs, its figures in bold.
function runs(text: string, figures: { text: string }[]): TextRun[] {
  const out: TextRun[] = [];
  let rest = text;
  for (const f of figures) {
    const at = f.text ? rest.indexOf(f.text) : -1;
    if (at < 0) continue;
    out.push(new TextRun({ text: rest.slice(0, at), font: FONT }));
    out.push(new TextRun({ text: f.text, bold: true, font: FONT }));
    rest = rest.slice(at + f.text.length);
  }
  out.push(new TextRun({ text: rest, font: FONT }));
  return out;
}

export async function summaryDocx(summary: WorkSummary): Promise<Blob> {
  const paragraphs: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: `${summary.organisationName}${summary.year}年工作总结`, bold: true, size: 44, font: { eastAsia: "方正小标宋简体", ascii: "Times New Roman" } })],
    }),
  ];
  for (const s of summary.sections) {
    if (s.title) {
      paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.title, size: 32, font: HEADING_FONT })] }));
    }
    for (const p of s.sentences) {
      paragraphs.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: runs(p.text, p.figures) }));
    }
  }
  const doc = new Document({
    creator: summary.organisationName,
    title: `${summary.organisationName}${summary.year}年工作总结`,
    styles: { default: { document: { run: { size: 32 } } } },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBlob(doc);
}
