// What the owner can do with a conversation: transfer it, return it to the queue, close it with a resolution.
import { useState } from 'preact/hooks';
import type { AgentStatus, Resolution } from '../../../protocol/index.ts';
import { useI18n } from '../i18n.ts';
import type { Busy } from '../state.ts';

interface Props {
  busy: Busy | undefined;
  /** Other online agents who can take it (empty: no transfer offered). */
  transferTo: AgentStatus[];
  canRelease: boolean;
  onTransfer: (agentId: string) => void;
  onRelease: () => void;
  onClose: (resolution: Resolution) => void;
}

const RESOLUTIONS: Resolution[] = ['resolved', 'unresolved', 'spam'];

export function ConversationActions(p: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'none' | 'close' | 'transfer'>('none');
  const [target, setTarget] = useState('');
  if (mode === 'close') {
    return (
      <div class="actions" role="group" aria-label={t('closeAs')}>
        <span class="actions-label">{t('closeAs')}</span>
        {RESOLUTIONS.map((r) => (
          <button key={r} type="button" class={r === 'resolved' ? 'primary' : ''} disabled={p.busy === 'close'} onClick={() => p.onClose(r)}>
            {t(`resolution_${r}`)}
          </button>
        ))}
        <button type="button" class="ghost-dark" onClick={() => setMode('none')}>
          {t('cancel')}
        </button>
      </div>
    );
  }
  if (mode === 'transfer') {
    const chosen = target || p.transferTo[0]?.id || '';
    return (
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) p.onTransfer(chosen);
          setMode('none');
        }}
      >
        <label for="transfer-to" class="actions-label">
          {t('transferTo')}
        </label>
        <select id="transfer-to" value={chosen} onChange={(e) => setTarget(e.currentTarget.value)}>
          {p.transferTo.map((a) => (
            <option key={a.id} value={a.id}>
              {t('agentLoad', { name: a.name, open: a.openConversations, limit: a.limit })}
            </option>
          ))}
        </select>
        <button type="submit" class="primary" disabled={!chosen || p.busy === 'transfer'}>
          {t('transfer')}
        </button>
        <button type="button" class="ghost-dark" onClick={() => setMode('none')}>
          {t('cancel')}
        </button>
      </form>
    );
  }
  return (
    <div class="actions">
      {p.transferTo.length > 0 && (
        <button type="button" onClick={() => setMode('transfer')} disabled={p.busy === 'transfer'}>
          {t('transferEllipsis')}
        </button>
      )}
      {p.canRelease && (
        <button type="button" onClick={p.onRelease} disabled={p.busy === 'release'}>
          {t('release')}
        </button>
      )}
      <button type="button" class="danger" onClick={() => setMode('close')} disabled={p.busy === 'close'}>
        {p.busy === 'close' ? t('closing') : t('closeConversation')}
      </button>
    </div>
  );
}
