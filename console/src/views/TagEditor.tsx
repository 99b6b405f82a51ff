import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';

/** Tags as chips; the owner can add (Enter) and remove them. */
export function TagEditor({ tags, editable, busy, onChange }: { tags: string[]; editable: boolean; busy: boolean; onChange: (tags: string[]) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  if (!editable && tags.length === 0) return null;
  const add = () => {
    const tag = draft.trim().toLowerCase();
    setDraft('');
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div class="tags" aria-label={t('tags')} role="group">
      {tags.map((tag) => (
        <span key={tag} class="tag" dir="auto">
          {tag}
          {editable && (
            <button type="button" class="tag-remove" aria-label={t('removeTag', { tag })} disabled={busy} onClick={() => onChange(tags.filter((x) => x !== tag))}>
              ×
            </button>
          )}
        </span>
      ))}
      {editable && (
        <input
          class="tag-input"
          dir="auto"
          aria-label={t('addTag')}
          placeholder={t('addTag')}
          value={draft}
          maxLength={40}
          disabled={busy}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.isComposing) {
              e.preventDefault();
              add();
            }
          }}
        />
      )}
    </div>
  );
}
