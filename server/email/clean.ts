// What an agent reads of an inbound mail: the new words only. Quoted history (what mail clients
// append below "On … wrote:") and the signature are cut; HTML becomes plain text, with no images,
// no links fetched and nothing remote loaded. The full original is kept beside it (show original).
import { convert } from 'html-to-text';

/** A reply's attribution line, in the languages Porsan speaks and as the common clients write it. */
const ATTRIBUTION = [
  /^On\b.{0,200}\bwrote:\s*$/i,
  /^Le\b.{0,200}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,200}\bschrieb\b.{0,100}:\s*$/i,
  // (\b is ASCII-only in JavaScript: Persian and Arabic words are bounded by spaces here)
  /^در\s.{0,200}\sنوشت\s*[:：]?\s*$/u, // «در تاریخ …، … نوشت:»
  /^.{0,200}\sنوشت(?:ه است)?\s*[:：]\s*$/u,
  /^في\s.{0,200}\sكتب(\s.{0,100})?[:：]\s*$/u, // «في …، كتب …:»
  /^-{2,}\s*(Original Message|Forwarded message|پیام اصلی|الرسالة الأصلية)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/, // Outlook's rule above the quoted header block
  /^(From|De|Von|از|من)\s*:\s.*$/, // an Outlook quoted header block starts with From:
];

/** Lines that start a signature: the standard "-- " delimiter and the phones' taglines. */
const SIGNATURE = [/^--\s?$/, /^Sent from my\b/i, /^Get Outlook for\b/i, /^ارسال شده از(\s|$)/u, /^Sent from (Mail|Yahoo|Gmail)\b/i];

/** The new part of a plain-text mail: up to its quoted history or signature. */
export function stripQuotedAndSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const quoteFollows = lines.slice(i + 1).find((l) => l.trim() !== '')?.trim().startsWith('>') ?? false;
    if (ATTRIBUTION.some((re) => re.test(line)) && (quoteFollows || i > 0)) {
      // "From: …" alone is a header only when the lines after it look like one (Sent:/To:/Subject:).
      if (/^(From|De|Von|از|من)\s*:/.test(line) && !/^(Sent|Date|To|Subject|Envoyé|Gesendet|تاریخ|به|موضوع)\s*:/i.test(lines[i + 1]?.trim() ?? '')) continue;
      end = i;
      break;
    }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      end = i; // a trailing quote block without an attribution
      break;
    }
    if (SIGNATURE.some((re) => re.test(lines[i]!.trimEnd())) && i > 0) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((l) => !l.trim().startsWith('>')); // inline quotes too
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** HTML mail as text: quoted blocks and images dropped, links as their words (no addresses fetched). */
export function htmlToSafeText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'blockquote', format: 'skip' },
      { selector: 'div.gmail_quote', format: 'skip' },
      { selector: 'div.gmail_signature', format: 'skip' },
      { selector: 'div#divRplyFwdMsg', format: 'skip' },
      { selector: 'div#appendonsend', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'h1', format: 'heading', options: { uppercase: false } },
      { selector: 'h2', format: 'heading', options: { uppercase: false } },
      { selector: 'h3', format: 'heading', options: { uppercase: false } },
    ],
  });
}

/** Text with control characters (other than newlines and tabs) removed, and a bound on length. */
export function tidy(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
