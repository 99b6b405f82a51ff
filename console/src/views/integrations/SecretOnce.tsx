// A token or signing secret shown once, right after it was made, with a copy button.
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n.ts';

export function SecretOnce({ intro, value }: { intro: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const code = useRef<HTMLElement>(null);
  return (
    <div class="notice ok secret-once" role="status">
      <p>{intro}</p>
      <p class="secret-row">
        <code ref={code} dir="ltr">
          {value}
        </code>
        <button
          type="button"
          onClick={() => {
            const select = () => getSelection()?.selectAllChildren(code.current!);
            navigator.clipboard?.writeText(value).then(() => setCopied(true), select) ?? select();
          }}
        >
          {copied ? t('kbCopied') : t('kbCopy')}
        </button>
      </p>
    </div>
  );
}
