// The reply box: Enter sends, Shift+Enter adds a line; IME composition never sends.
// A second mode writes internal notes; FAQ answers can be searched and inserted as canned replies.
import { useState } from 'preact/hooks';
import type { KbHit } from '../../../protocol/index.ts';
import { LIMITS } from '../../../protocol/index.ts';
import { KbSearchContainer } from '../containers/KbSearchContainer.tsx';
import { useI18n } from '../i18n.ts';
import { textDir } from '../../../common/dir.ts';

interface Props {
  draft: string;
  /** The conversation is in Persian or Arabic: text without strong letters is right to left. */
  rtl: boolean;
  onDraft: (text: string) => void;
  onSend: (kind: 'reply' | 'note', text: string) => void;
  onTyping: () => void;
  /** FAQ search for canned replies; without it the button is not shown. */
  searchKb?: (query: string) => Promise<KbHit[]>;
}

export function Composer({ draft, rtl, onDraft, onSend, onTyping, searchKb }: Props) {
  const { t } = useI18n();
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
      class={`composer composer-${kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
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
        {searchKb && (
          <button type="button" class="ghost-dark" aria-expanded={kb} onClick={() => setKb(!kb)}>
            {t('kbButton')}
          </button>
        )}
      </div>
      {kb && searchKb && <KbSearchContainer search={searchKb} onPick={pick} />}
      <div class="composer-row">
        <label class="visually-hidden" for="composer-input">
          {kind === 'reply' ? t('composerLabel') : t('noteLabel')}
        </label>
        <textarea
          id="composer-input"
          // Empty, it follows the console's direction (so the placeholder reads right); typed text as the message will show.
          dir={text.trim() ? textDir(text, rtl) : undefined}
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
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {kind === 'reply' ? t('send') : t('addNote')}
        </button>
      </div>
    </form>
  );
}
