/**
 * The attachment store: files kept on local disk under the data directory, named by the SHA-256
 * of their content (so the same file uploaded twice is stored once, and a stored file cannot be
 * swapped without the name changing). The type is decided from the bytes, never the file name;
 * only the types a disclosure office publishes are accepted, up to a size limit.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { detectDocumentKind, UnsupportedDocumentError } from '../documents/extract-text.ts';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../documents/zip-limits.ts';

export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', label: 'Excel' },
  png: { mediaType: 'image/png', extension: 'png', label: 'PNG 图片' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg', label: 'JPEG 图片' },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export interface StoredFile {
  sha256: string;
  size: number;
  type: AttachmentType;
  mediaType: string;
}

export class AttachmentRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentRejectedError';
  }
}

/** Decides an upload's type from its first bytes. */
export async function detectAttachmentType(bytes: Uint8Array, zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<AttachmentType> {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  try {
    const kind = await detectDocumentKind(bytes, zipLimits);
    if (kind === 'pdf' || kind === 'docx' || kind === 'xlsx') return kind;
  } catch (e) {
    if (!(e instanceof UnsupportedDocumentError)) throw e;
    throw new AttachmentRejectedError(e.message);
  }
  throw new AttachmentRejectedError('附件只接受 PDF、Word（.docx）、Excel（.xlsx）和 PNG/JPEG 图片');
}

/** Creates a store rooted at a directory (GONGKAI_DATA_DIR/attachments). */
export function createAttachmentStore(root: string, options: { maxBytes: number; zipLimits?: ZipLimits }) {
  const fileOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AttachmentRejectedError('附件标识无效');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const checkSize = (bytes: Uint8Array) => {
    if (bytes.length === 0) throw new AttachmentRejectedError('附件是空文件');
    if (bytes.length > options.maxBytes) {
      throw new AttachmentRejectedError(`附件过大：${(bytes.length / 1048576).toFixed(1)} MB，上限 ${(options.maxBytes / 1048576).toFixed(0)} MB`);
    }
  };
  const store = async (bytes: Uint8Array): Promise<string> => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = fileOf(sha256);
    const exists = await stat(file).then(() => true, () => false);
    if (!exists) {
      // Owner-only (folders 0700, files 0600) whatever the umask: applicants' documents are personal data.
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Write beside, then rename: a crash never leaves a half-written file under the final name.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
    }
    return sha256;
  };
  return {
    maxBytes: options.maxBytes,
    /** Checks and stores an upload; the same content is stored once. */
    async put(bytes: Uint8Array): Promise<StoredFile> {
      checkSize(bytes);
      const type = await detectAttachmentType(bytes, options.zipLimits);
      const sha256 = await store(bytes);
      return { sha256, size: bytes.length, type, mediaType: ATTACHMENT_TYPES[type].mediaType };
    },
    /** Stores a file of any type (a ledger between its dry run and confirmation; CSV is no attachment type), by SHA-256. */
    async putUpload(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
      checkSize(bytes);
      return { sha256: await store(bytes), size: bytes.length };
    },
    /** Reads a stored file, verifying that its content still matches its name. */
    async get(sha256: string): Promise<Uint8Array> {
      const bytes = new Uint8Array(await readFile(fileOf(sha256)));
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new AttachmentRejectedError('附件内容与存储记录不符（文件被改动）');
      return bytes;
    },
    /** Deletes a stored file once nothing refers to it; a file already gone is no error. */
    async remove(sha256: string): Promise<void> {
      await rm(fileOf(sha256), { force: true });
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
