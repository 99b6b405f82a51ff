// The saved replies that match what follows `/` in the composer: a listbox under the text box.
import type { SavedReply } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';
import { preview } from '../lib/preview.ts';

interface Props {
  query: string;
  replies: SavedReply[];
  active: number;
  onPick: (r: SavedReply) => void;
  onHover: (i: number) => void;
}

export function SlashMenu({ query, replies, active, onPick, onHover }: Props) {
  const { t } = useI18n();
  return (
    <div class="slash-menu">
      <p class="muted slash-hint" id="slash-hint">
        {t('slashLabel')} — {t('slashHint')}
      </p>
      {replies.length === 0 ? (
        <p class="muted">{t('slashNone', { q: query })}</p>
      ) : (
        <ul role="listbox" id="slash-list" aria-label={t('slashLabel')}>
          {replies.map((r, i) => (
            <li
              key={r.id}
              id={`slash-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the text box's focus and caret
                onPick(r);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span class="slash-shortcut" dir="auto">
                /{r.shortcut}
              </span>
              <strong dir="auto">{r.title}</strong>
              <span class="slash-body" dir="auto">
                {preview(r.body).slice(0, 120)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
