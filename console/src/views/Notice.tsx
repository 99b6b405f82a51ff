import { useI18n } from '../i18n.ts';
import type { Notice as NoticeData } from '../state.ts';

export function Notice({ notice, onDismiss }: { notice: NoticeData; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <div class={notice.kind === 'already_taken' ? 'notice warn' : 'notice error'} role="alert">
      <span>{notice.kind === 'already_taken' ? t('alreadyTaken') : notice.text}</span>
      <button type="button" class="link" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
