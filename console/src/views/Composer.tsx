// The reply box: Enter sends, Shift+Enter adds a line; IME composition never sends.
// A second mode writes internal notes. Two kinds of ready text: the team's saved replies (type
// `/shortcut`, or the button) and the FAQ's answers (searched), kept apart.
import { useRef, useState } from 'preact/hooks';
import type { KbHit, SavedReply } from '../../../protocol/index.ts';
import { LIMITS } from '../../../protocol/index.ts';
import { KbSearchContainer } from '../containers/KbSearchContainer.tsx';
import type { UploadItem } from '../containers/useUploads.ts';
import { useI18n } from '../i18n.ts';
import { textDir } from '../../../common/dir.ts';
import { fillReply, insertReply, matchReplies, slashQuery } from '../lib/snippets.ts';
import { SlashMenu } from './SlashMenu.tsx';

interface Props {
  draft: string;
  /** The conversation is in Persian or Arabic: text without strong letters is right to left. */
  rtl: boolean;
  onDraft: (text: string) => void;
  onSend: (kind: 'reply' | 'note', text: string) => void;
  onTyping: () => void;
  /** FAQ search for canned replies; without it the button is not shown. */
  searchKb?: (query: string) => Promise<KbHit[]>;
  /** The team's saved replies, and the names their variables take. */
  replies?: SavedReply[];
  names?: { visitor: string | null; agent: string };
  /** Files to send (picked, pasted or dropped), the ones on their way, and the last refusal. */
  onFiles: (files: File[]) => void;
  uploads: UploadItem[];
  uploadError: string;
  onCancelUpload: (id: string) => void;
  onDismissUploadError: () => void;
}

export function Composer({ draft, rtl, onDraft, onSend, onTyping, searchKb, replies = [], names = { visitor: null, agent: '' }, onFiles, uploads, uploadError, onCancelUpload, onDismissUploadError }: Props) {
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
  // `/query` before the caret (the saved-replies menu is open while there is one)
  const [slash, setSlash] = useState<{ query: string; start: number; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const setText = (v: string) => {
    setTextState(v);
    onDraft(v);
  };
  const found = slash ? matchReplies(replies, slash.query) : [];
  const look = (el: HTMLTextAreaElement) => {
    const q = replies.length ? slashQuery(el.value, el.selectionStart ?? el.value.length) : null;
    setSlash(q && { ...q, caret: el.selectionStart ?? el.value.length });
    if (q?.query !== slash?.query) setActive(0);
  };
  const insert = (r: SavedReply) => {
    if (!slash) return;
    const next = insertReply(text, slash.start, slash.caret, fillReply(r.body, names));
    setText(next.text);
    setSlash(null);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const openSlash = () => {
    const el = box.current;
    if (!el) return;
    const at = el.selectionStart ?? text.length;
    const before = text.slice(0, at);
    const add = before === '' || /\s$/.test(before) ? '/' : ' /';
    const next = before + add + text.slice(at);
    setText(next);
    setSlash({ query: '', start: at + add.length - 1, caret: at + add.length });
    setActive(0);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at + add.length, at + add.length);
    });
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
        {replies.length > 0 && (
          <button type="button" class="ghost-dark" aria-expanded={!!slash} onClick={openSlash}>
            {t('repliesButton')}
          </button>
        )}
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
      {slash && <SlashMenu query={slash.query} replies={found} active={active} onPick={insert} onHover={setActive} />}
      <div class="composer-row">
        <label class="visually-hidden" for="composer-input">
          {kind === 'reply' ? t('composerLabel') : t('noteLabel')}
        </label>
        <textarea
          ref={box}
          id="composer-input"
          // Empty, it follows the console's direction (so the placeholder reads right); typed text as the message will show.
          dir={text.trim() ? textDir(text, rtl) : undefined}
          rows={3}
          maxLength={LIMITS.messageChars}
          placeholder={kind === 'reply' ? t('composerPlaceholder') : t('notePlaceholder')}
          value={text}
          role={slash ? 'combobox' : undefined}
          aria-expanded={slash ? true : undefined}
          aria-controls={slash && found.length ? 'slash-list' : undefined}
          aria-activedescendant={slash && found.length ? `slash-${active}` : undefined}
          aria-describedby={slash ? 'slash-hint' : undefined}
          onInput={(e) => {
            setText(e.currentTarget.value);
            look(e.currentTarget);
            if (kind === 'reply') onTyping();
          }}
          onClick={(e) => look(e.currentTarget)}
          onBlur={() => setSlash(null)}
          onKeyDown={(e) => {
            if (slash) {
              if (e.key === 'Escape') {
                e.preventDefault();
                return setSlash(null);
              }
              if (found.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
                e.preventDefault();
                return setActive((active + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
              }
              if (found.length && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                return insert(found[Math.min(active, found.length - 1)]!);
              }
            }
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
