// A file in a transcript: an image as a thumbnail that opens full size (in a new tab, served so
// that nothing in it runs), any other file as a card with its name, type, size and a download.
import type { AttachmentInfo } from '../../../protocol/index.ts';
import { fileUrl } from '../api.ts';
import { intlTag, useI18n } from '../i18n.ts';

function sizeText(bytes: number, tag: string): string {
  const [n, unit] = bytes < 1048576 ? [Math.max(1, bytes / 1024), 'kilobyte'] : [bytes / 1048576, 'megabyte'];
  return new Intl.NumberFormat(tag, { style: 'unit', unit, maximumFractionDigits: bytes < 1048576 ? 0 : 1 }).format(n);
}

export function typeLabel(mime: string): string {
  return mime === 'application/pdf' ? 'PDF' : (mime.split('/')[1] ?? mime).toUpperCase();
}

export function AttachmentView({ file }: { file: AttachmentInfo }) {
  const { t, lang } = useI18n();
  const size = sizeText(file.size, intlTag(lang));
  if (file.kind === 'image') {
    return (
      <a class="attachment-thumb" href={fileUrl(file.id)} target="_blank" rel="noopener noreferrer" title={t('openFullSize')}>
        <img src={fileUrl(file.id)} alt={file.name} width={file.width} height={file.height} loading="lazy" />
        <span class="visually-hidden">{t('openFullSize')}</span>
      </a>
    );
  }
  return (
    <div class="attachment-card">
      <span class="attachment-icon" aria-hidden="true">
        {typeLabel(file.mime)}
      </span>
      <span class="attachment-name">
        <bdi>{file.name}</bdi>
        <small>
          {typeLabel(file.mime)} · {size}
        </small>
      </span>
      <a class="button-link" href={fileUrl(file.id, true)} download={file.name}>
        {t('download')}
      </a>
    </div>
  );
}
