// The reply box: Enter sends, Shift+Enter adds a line; IME composition never sends.
// A second mode writes internal notes; FAQ answers can be searched and inserted as canned replies.
import { useState } from 'preact/hooks';
import type { KbHit } from '../../../protocol/index.ts';
import { LIMITS } from '../../../protocol/index.ts';
import { KbSearchContainer } from '../containers/KbSearchContainer.tsx';
import type { UploadItem } from '../containers/useUploads.ts';
import { useI18n } from '../i18n.ts';

interface Props {
  draft: string;
  onDraft: (text: string) => void;
  onSend: (kind: 'reply' | 'note', text: string) => void;
  onTyping: () => void;
  /** FAQ search for canned replies; without it the button is not shown. */
  searchKb?: (query: string) => Promise<KbHit[]>;
  /** Files to send (picked, pasted or dropped), the ones on their way, and the last refusal. */
  onFiles: (files: File[]) => void;
  uploads: UploadItem[];
  uploadError: string;
  onCancelUpload: (id: string) => void;
  onDismissUploadError: () => void;
}

export function Composer({ draft, onDraft, onSend, onTyping, searchKb, onFiles, uploads, uploadError, onCancelUpload, onDismissUploadError }: Props) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  /** Files from a picker, a paste or a drop; copied at once (a picker's list is emptied right after). */
  const take = (list: FileList | null | undefined, e?: Event): void => {
    const files = [...(list ?? [])];
    if (!files.length) return;
    e?.preventDefault();
    onFiles(files);
  };
  const [text, setTextState] = useState(draft);
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [kb, setKb] = useState(false);
  const setText = (v: string) => {
    setTextState(v);
    onDraft(v);
  };
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    onSend(kind, value);
    setText('');
  };
  const pick = (hit: KbHit) => {
    setText(text.trim() ? text.trimEnd() + '\n\n' + hit.answer : hit.answer);
    setKb(false);
    document.getElementById('composer-input')?.focus();
  };
  return (
    <form
      class={`composer composer-${kind}${dragging ? ' dragging' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        take(e.dataTransfer?.files, e);
      }}
    >
      <div class="composer-bar">
        <div class="segmented" role="radiogroup" aria-label={t('composerMode')}>
          {(['reply', 'note'] as const).map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} class={kind === k ? 'on' : ''} onClick={() => setKind(k)}>
              {k === 'reply' ? t('modeReply') : t('modeNote')}
            </button>
          ))}
        </div>
        <div class="composer-tools">
        {searchKb && (
          <button type="button" class="ghost-dark" aria-expanded={kb} onClick={() => setKb(!kb)}>
            {t('kbButton')}
          </button>
        )}
        {kind === 'reply' && (
          <label class="ghost-dark attach">
            <input
              type="file"
              class="visually-hidden"
              multiple
              accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
              onChange={(e) => {
                take(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
            {t('attachFile')}
          </label>
        )}
        </div>
      </div>
      {uploads.length > 0 && (
        <ul class="uploads" aria-label={t('uploading')}>
          {uploads.map((u) => (
            <li key={u.id}>
              <bdi class="upload-name">{u.name}</bdi>
              <progress max={u.total || 1} value={u.loaded} aria-label={t('uploadingFile', { name: u.name })} />
              <button type="button" class="link" onClick={() => onCancelUpload(u.id)}>
                {t('cancel')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {uploadError && (
        <p class="notice error upload-error" role="alert">
          <span>{uploadError}</span>
          <button type="button" class="link" onClick={onDismissUploadError}>
            {t('dismiss')}
          </button>
        </p>
      )}
      {kb && searchKb && <KbSearchContainer search={searchKb} onPick={pick} />}
      <div class="composer-row">
        <label class="visually-hidden" for="composer-input">
          {kind === 'reply' ? t('composerLabel') : t('noteLabel')}
        </label>
        <textarea
          id="composer-input"
          // Empty, it follows the console's direction (so the placeholder reads right); typed text picks its own.
          dir={text ? 'auto' : undefined}
          rows={3}
          maxLength={LIMITS.messageChars}
          placeholder={kind === 'reply' ? t('composerPlaceholder') : t('notePlaceholder')}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (kind === 'reply') onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
              e.preventDefault();
              submit();
            }
          }}
          onPaste={(e) => {
            if (kind === 'reply') take(e.clipboardData?.files, e);
          }}
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {kind === 'reply' ? t('send') : t('addNote')}
        </button>
      </div>
    </form>
  );
}
