/**
 * Text extraction from the document types a disclosure office handles: plain text, HTML, DOCX,
 * XLSX and PDF. The kind is decided by the file's content (magic bytes), never by its name, so
 * a renamed file is read for what it is. Used by the privacy scan, attachment search and imports.
 */
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { htmlToText } from '../domain/privacy/index.ts';

export const DOCUMENT_KINDS = ['text', 'html', 'docx', 'xlsx', 'pdf'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class UnsupportedDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDocumentError';
  }
}

/** Decides a document's kind from its bytes (ZIP containers are opened to tell DOCX from XLSX). */
export async function detectDocumentKind(bytes: Uint8Array): Promise<DocumentKind> {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const zip = await JSZip.loadAsync(bytes).catch(() => undefined);
    if (zip?.file('word/document.xml')) return 'docx';
    if (zip?.file('xl/workbook.xml')) return 'xlsx';
    throw new UnsupportedDocumentError('不支持的压缩文件：只支持 Word（.docx）和 Excel（.xlsx）');
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new UnsupportedDocumentError('旧版 Word/Excel 文件（.doc/.xls）请先另存为 .docx/.xlsx');
  }
  const text = decodeText(bytes);
  if (text === undefined) throw new UnsupportedDocumentError('无法识别的文件类型（不是文本、HTML、DOCX、XLSX 或 PDF）');
  return /^\s*(<!doctype html|<html|<body|<div|<p[\s>]|<table)/i.test(text) ? 'html' : 'text';
}

// Control characters other than tab, newlines and form feed mean binary data, not text.
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const BINARY = /[\u0000-\u0008\u000E-\u001F]/;

function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Many Chinese office files are still GB18030 (GBK) encoded.
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  return BINARY.test(text) ? undefined : text;
}

async function xlsxToText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(`【${sheet.name}】`);
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text ?? ''));
      lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let line = '';
    const lines: string[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
  }
  await doc.destroy();
  return pages.join('\n\f\n');
}

/** Extracts the text of a document; throws UnsupportedDocumentError (Chinese message) for other files. */
export async function extractText(bytes: Uint8Array): Promise<{ kind: DocumentKind; text: string }> {
  const kind = await detectDocumentKind(bytes);
  switch (kind) {
    case 'text':
      return { kind, text: decodeText(bytes)! };
    case 'html':
      return { kind, text: htmlToText(decodeText(bytes)!) };
    case 'docx':
      return { kind, text: (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value };
    case 'xlsx':
      return { kind, text: await xlsxToText(bytes) };
    case 'pdf':
      return { kind, text: await pdfToText(bytes) };
    default: {
      const unreachable: never = kind;
      throw new UnsupportedDocumentError(`不支持的文件类型：${String(unreachable)}`);
    }
  }
}
