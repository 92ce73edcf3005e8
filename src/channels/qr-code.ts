/**
 * QR codes to an item's portal page, for the printed notice-board sheets (a villager scans the
 * sheet to read the full text). Error correction level M survives a crease or a smudge on paper.
 */
import QRCode from 'qrcode';

/** Options every QR on a sheet is made with (tests regenerate the matrix with the same ones). */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A PNG of the QR code of a URL; `scale` pixels per module. */
export async function qrPng(url: string, scale = 6): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', scale, color: { dark: '#000000ff', light: '#ffffffff' } });
}

/** Whether a link can be put in a QR code for phones: an absolute http(s) URL, not a bare portal path. */
export function isScannableLink(link: string): boolean {
  return /^https?:\/\/[^/\s]+/i.test(link);
}
