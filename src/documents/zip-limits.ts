/**
 * Limits on ZIP containers (DOCX, XLSX) before anything is inflated: a 423 KB DOCX can hold 400 MB
 * of text (a “zip bomb”). The central directory's declared sizes and entry count are checked first;
 * since declared sizes can lie, `verifyZipInflation` then inflates every entry with a hard output
 * limit, so no entry yields more than it declared and the whole never more than the cap.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Most entries a container may hold. */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxUnpackedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxUnpackedBytes: 100 * 1048576 };

/** A container refused for its size or shape; the message is for the user, in Chinese. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const megabytes = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

/** Whether bytes start like a ZIP local file header. */
export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads the central directory (no inflating) and refuses a container with too many entries or whose
 * declared sizes add up beyond the cap; returns the entries. Throws ZipLimitError.
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipLimitError('压缩文件已损坏（找不到目录）。');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipLimitError('压缩文件过大或结构不受支持（ZIP64）。');
  if (count > limits.maxEntries) throw new ZipLimitError(`压缩文件内的文件过多：${count} 个，上限 ${limits.maxEntries} 个。`);
  if (dirOffset + dirSize > bytes.length) throw new ZipLimitError('压缩文件已损坏（目录超出文件末尾）。');
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new ZipLimitError('压缩文件已损坏（目录项无效）。');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    total += uncompressedSize;
    if (uncompressedSize === 0xffffffff || total > limits.maxUnpackedBytes) {
      throw new ZipLimitError(`文件解压后过大（超过 ${megabytes(limits.maxUnpackedBytes)}），可能是“压缩炸弹”，不予接收。`);
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates every entry with an output limit of its declared size (and of what is left of the cap):
 * an entry that inflates to more than it declared is refused before its excess is ever produced.
 */
export function verifyZipInflation(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = limits.maxUnpackedBytes;
  for (const entry of inspectZip(bytes, limits)) {
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new ZipLimitError('压缩文件已损坏（文件头无效）。');
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipLimitError('压缩文件已损坏（大小不符）。');
    } else if (entry.method === 8) {
      const limit = Math.min(entry.uncompressedSize, left);
      let out: Buffer;
      try {
        // One byte more than allowed: if zlib fills it, the entry lied about its size.
        out = inflateRawSync(data, { maxOutputLength: limit + 1 });
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipLimitError(`文件解压后的大小与其声明不符（超过 ${megabytes(limits.maxUnpackedBytes)} 或所声明的大小），可能是“压缩炸弹”，不予接收。`);
        }
        throw new ZipLimitError('压缩文件已损坏（无法解压）。');
      }
      if (out.length > limit) throw new ZipLimitError(`文件解压后的大小与其声明不符，可能是“压缩炸弹”，不予接收。`);
    } else {
      throw new ZipLimitError('压缩文件使用了不支持的压缩方式。');
    }
    left -= entry.uncompressedSize;
  }
}
