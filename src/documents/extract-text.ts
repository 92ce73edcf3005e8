/**
 * Text extraction from the document types a disclosure office handles: plain text, HTML, DOCX,
 * XLSX and PDF. The kind is decided by the file's content (magic bytes), never by its name, so
 * a renamed file is read for what it is. Used by the privacy scan, attachment search and imports.
 */
import { spawn } from 'node:child_process';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { htmlToText } from '../domain/privacy/index.ts';
import { DEFAULT_ZIP_LIMITS, inspectZip, isZipBytes, verifyZipInflation, ZipLimitError, type ZipLimits } from './zip-limits.ts';

export const DOCUMENT_KINDS = ['text', 'html', 'docx', 'xlsx', 'pdf'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class UnsupportedDocumentError extends Error {
  /** `tooLarge`: refused for its unpacked size or shape (a “zip bomb”), not merely of an unknown type. */
  constructor(message: string, readonly tooLarge = false) {
    super(message);
    this.name = 'UnsupportedDocumentError';
  }
}

/** Decides a document's kind from its bytes (ZIP containers are opened to tell DOCX from XLSX). */
// The central directory is read without inflating anything; a container over the limits is refused here.
export async function detectDocumentKind(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<DocumentKind> {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (isZipBytes(bytes)) {
    let names: Set<string>;
    try {
      names = new Set(inspectZip(bytes, limits).map((e) => e.name));
    } catch (e) {
      throw e instanceof ZipLimitError ? new UnsupportedDocumentError(e.message, true) : e;
    }
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
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

/** How text was read, for the privacy scan: anything not fully read must be checked by eye. */
export type ReadingStatus = 'read' | 'partial' | 'unreadable';

export interface DocumentReading {
  kind: DocumentKind | 'png' | 'jpeg';
  text: string;
  status: ReadingStatus;
  /** Why the text is incomplete or missing (Chinese, for the reviewer); null when fully read. */
  note: string | null;
}

export interface ReadingOptions {
  zipLimits?: ZipLimits;
  /** Most characters kept of a document's text; the rest is not stored (and so must be checked by eye). */
  maxTextChars?: number;
  /** The tesseract command (Debian tesseract-ocr with chi_sim); undefined: images are not read. */
  tesseractPath?: string;
  /** Time limit of one OCR run. */
  ocrTimeoutMs?: number;
}

export const MAX_TEXT_CHARS = 1_000_000;

/** Runs tesseract on an image (PNG, JPEG, PNM) and returns its text; rejects on failure or time-out. */
export function ocrImage(image: Uint8Array, tesseractPath: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tesseractPath, ['stdin', 'stdout', '-l', 'chi_sim+eng'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 16 * 1048576) out.push(c);
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8').replace(/\f/g, '\n'));
      else reject(new Error(signal ? `文字识别超时（${signal}）` : `文字识别失败（退出码 ${code}）`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(image));
  });
}

// Chinese OCR puts spaces between characters (“公 民 身 份”); digits stay together, so the scan still finds numbers.
function tidyOcr(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '').trim();
}

/** A decoded PDF image as a PNM file (netpbm: tesseract reads it), or undefined for formats not handled. */
function pnmOf(image: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray }): Uint8Array | undefined {
  const { width, height, kind, data } = image;
  if (!data || !width || !height) return undefined;
  if (kind === 2 && data.length >= width * height * 3) {
    return Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1'), Buffer.from(data.buffer, data.byteOffset, width * height * 3)]);
  }
  if (kind === 3 && data.length >= width * height * 4) {
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
      rgb[j] = data[i]!;
      rgb[j + 1] = data[i + 1]!;
      rgb[j + 2] = data[i + 2]!;
    }
    return Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1'), rgb]);
  }
  if (kind === 1) {
    // 1 bit per pixel, rows padded to bytes, 1 = white in pdf.js's convention; PBM has 1 = black.
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return undefined;
    const inverted = Buffer.from(data.subarray(0, rowBytes * height)).map((b) => 255 - b);
    return Buffer.concat([Buffer.from(`P4\n${width} ${height}\n`, 'latin1'), inverted]);
  }
  return undefined;
}

async function pdfToText(bytes: Uint8Array, options: ReadingOptions): Promise<{ text: string; unread: number[]; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const unread: number[] = [];
  try {
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
      let text = lines.join('\n');
      if (text.trim() === '') {
        // No text layer: a scanned page. Read its images with OCR where tesseract is installed.
        text = options.tesseractPath ? await ocrPdfPage(page, pdfjs.OPS, options) : '';
        if (text.trim() === '') unread.push(i);
      }
      pages.push(text);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { text: pages.join('\n\f\n'), unread, pages: doc.numPages };
}

interface PdfPage {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: { get(name: string, callback: (value: unknown) => void): void };
}

async function ocrPdfPage(page: PdfPage, ops: Record<string, number>, options: ReadingOptions): Promise<string> {
  const list = await page.getOperatorList();
  const texts: string[] = [];
  for (let k = 0; k < list.fnArray.length; k++) {
    if (list.fnArray[k] !== ops.paintImageXObject) continue;
    const name = list.argsArray[k]?.[0];
    if (typeof name !== 'string') continue;
    const image = await new Promise<unknown>((resolve) => page.objs.get(name, resolve));
    const pnm = pnmOf((image ?? {}) as Parameters<typeof pnmOf>[0]);
    if (pnm) texts.push(tidyOcr(await ocrImage(pnm, options.tesseractPath!, options.ocrTimeoutMs).catch(() => '')));
  }
  return texts.join('\n');
}

function capped(text: string, max: number): { text: string; truncated: boolean } {
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}

/**
 * Reads the text of an upload for the privacy scan and search, never silently: what cannot be read
 * (an image without OCR, a scanned PDF page, a damaged file, text beyond the stored limit) is reported
 * as `partial` or `unreadable` with a Chinese note. Throws UnsupportedDocumentError with `tooLarge` for
 * a container over the unpacked-size limits (refused, not stored).
 */
export async function readDocumentText(bytes: Uint8Array, options: ReadingOptions = {}): Promise<DocumentReading> {
  const limits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
  const max = options.maxTextChars ?? MAX_TEXT_CHARS;
  const image = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 ? 'png' : bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? 'jpeg' : undefined;
  if (image) {
    if (!options.tesseractPath) return { kind: image, text: '', status: 'unreadable', note: '图片中的文字无法自动识别（本机未配置文字识别 OCR）' };
    try {
      const text = capped(tidyOcr(await ocrImage(bytes, options.tesseractPath, options.ocrTimeoutMs)), max);
      if (text.truncated) return { kind: image, text: text.text, status: 'partial', note: `文字过长，只自动检测了前 ${max} 字` };
      return { kind: image, text: text.text, status: 'read', note: null };
    } catch (e) {
      return { kind: image, text: '', status: 'unreadable', note: `图片文字识别失败：${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const kind = await detectDocumentKind(bytes, limits);
  let text: string;
  let note: string | null = null;
  let unreadable = false;
  try {
    switch (kind) {
      case 'text':
        text = decodeText(bytes)!;
        break;
      case 'html':
        text = htmlToText(decodeText(bytes)!);
        break;
      case 'docx':
        verifyZipInflation(bytes, limits);
        text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
        break;
      case 'xlsx':
        verifyZipInflation(bytes, limits);
        text = await xlsxToText(bytes);
        break;
      case 'pdf': {
        const pdf = await pdfToText(bytes, options);
        text = pdf.text;
        if (pdf.unread.length > 0) {
          const which = pdf.unread.length > 10 ? `${pdf.unread.slice(0, 10).join('、')} 等 ${pdf.unread.length} 页` : `第 ${pdf.unread.join('、')} 页`;
          note = `${which}没有可读取的文字（可能是扫描件${options.tesseractPath ? '，文字识别也未读出文字' : '，本机未配置文字识别 OCR'}）`;
          unreadable = pdf.unread.length === pdf.pages;
        }
        break;
      }
      default: {
        const unreachable: never = kind;
        throw new UnsupportedDocumentError(`不支持的文件类型：${String(unreachable)}`);
      }
    }
  } catch (e) {
    if (e instanceof ZipLimitError) throw new UnsupportedDocumentError(e.message, true);
    return { kind, text: '', status: 'unreadable', note: `文件无法读取（${e instanceof Error ? e.message.slice(0, 200) : String(e)}）` };
  }
  const kept = capped(text, max);
  if (kept.truncated) note = [note, `文字过长，只自动检测了前 ${max} 字`].filter(Boolean).join('；');
  const status: ReadingStatus = unreadable ? 'unreadable' : note ? 'partial' : 'read';
  return { kind, text: kept.text, status, note };
}

/** As readDocumentText, for the services' TextExtractor port: a container over the limits comes back `refused`. */
export async function readForScan(bytes: Uint8Array, options: ReadingOptions = {}): Promise<DocumentReading | { status: 'refused'; note: string }> {
  try {
    return await readDocumentText(bytes, options);
  } catch (e) {
    if (e instanceof UnsupportedDocumentError && e.tooLarge) return { status: 'refused', note: e.message };
    if (e instanceof UnsupportedDocumentError) return { kind: 'text', text: '', status: 'unreadable', note: e.message };
    return { kind: 'text', text: '', status: 'unreadable', note: `文件无法读取（${e instanceof Error ? e.message.slice(0, 200) : String(e)}）` };
  }
}

/** Extracts the text of a document; throws UnsupportedDocumentError (Chinese message) for other files. */
export async function extractText(bytes: Uint8Array, options: ReadingOptions = {}): Promise<{ kind: DocumentKind; text: string }> {
  const kind = await detectDocumentKind(bytes, options.zipLimits);
  const reading = await readDocumentText(bytes, options);
  if (reading.status === 'unreadable' && reading.text === '' && kind !== 'pdf') throw new UnsupportedDocumentError(reading.note ?? '文件无法读取');
  return { kind, text: reading.text };
}
