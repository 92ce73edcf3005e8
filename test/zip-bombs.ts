/**
 * Test files for the unpacking limits: a tiny ZIP writer (native deflate, so hundreds of MB compress
 * in a second) and DOCX/XLSX “zip bombs” — a few hundred KB that unpack to many MB of text — with
 * honest or lying declared sizes.
 */
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (ZIP, PNG). */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Writes a ZIP; `declare` overrides an entry's declared uncompressed size (a lying header). */
export function zipOf(entries: Array<{ name: string; data: Uint8Array }>, declare: Record<string, number> = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 9 });
    const size = declare[e.name] ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** XML of about `megabytes` MB: a head, a repeated unit, a tail. */
function bigXml(head: string, unit: string, tail: string, megabytes: number): Uint8Array {
  const u = Buffer.from(unit, 'utf8');
  const reps = Math.ceil((megabytes * 1048576) / u.length);
  const h = Buffer.from(head, 'utf8');
  const t = Buffer.from(tail, 'utf8');
  const out = Buffer.allocUnsafe(h.length + reps * u.length + t.length);
  h.copy(out, 0);
  out.fill(u, h.length, h.length + reps * u.length);
  t.copy(out, h.length + reps * u.length);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A valid DOCX whose document.xml holds `megabytes` MB of paragraphs (`lieAbout`: declare a small size instead). */
export function docxBomb(megabytes: number, options: { declareBytes?: number; paragraph?: string } = {}): Uint8Array {
  const paragraph = options.paragraph ?? '黔城镇政府信息公开工作年度报告正文内容重复段落。';
  const document = bigXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>`, `<w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>`, '</w:body></w:document>', megabytes);
  return zipOf(
    [
      { name: '[Content_Types].xml', data: utf8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
      { name: '_rels/.rels', data: utf8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
      { name: 'word/document.xml', data: document },
    ],
    options.declareBytes === undefined ? {} : { 'word/document.xml': options.declareBytes },
  );
}

/** An XLSX whose only sheet holds `megabytes` MB of rows (`declareBytes`: declare a small size instead). */
export function xlsxBomb(megabytes: number, options: { declareBytes?: number } = {}): Uint8Array {
  const M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = bigXml(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${M}"><sheetData>`, '<row><c t="inlineStr"><is><t>黔城镇主动公开信息台账重复行</t></is></c></row>', '</sheetData></worksheet>', megabytes);
  return zipOf(
    [
      { name: '[Content_Types].xml', data: utf8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
      { name: '_rels/.rels', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
      { name: 'xl/workbook.xml', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${M}" xmlns:r="${R}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ],
    options.declareBytes === undefined ? {} : { 'xl/worksheets/sheet1.xml': options.declareBytes },
  );
}
