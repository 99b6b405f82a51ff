// A modal with the markdown file for a new entry (read-only text to copy or download, and where
// to save it), or with one more question line for an existing entry and the file it goes in. The console cannot write files; the editor saves it in the knowledge-base folder.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntryTemplate } from '../../lib/kb-template.ts';
import { localeName, useI18n } from '../../i18n.ts';
import './kb.css';

type CopyState = 'idle' | 'copied' | 'selected';

/** `template` with `{name}` placeholders filled by nodes (keeps word order per language). */
function fill(template: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? (parts[piece] ?? piece) : piece));
}

export function KbTemplateDialog({ template, onClose }: { template: EntryTemplate; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const phrasing = template.kind === 'phrasing';

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    setCopy('idle');
  }, [template.text]);

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 4000);
    return () => clearTimeout(timer);
  }, [copy]);

  const selectAll = () => {
    const ta = text.current;
    if (!ta) return;
    ta.focus();
    ta.select();
  };

  const onCopy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(template.text);
      setCopy('copied');
    } catch {
      // Not allowed (permissions, insecure origin): select it so Ctrl+C does the rest.
      selectAll();
      setCopy('selected');
    }
  };

  const onDownload = () => {
    const url = URL.createObjectURL(new Blob([template.text], { type: 'text/markdown;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = template.fileName;
    a.hidden = true;
    (dialog.current ?? document.body).append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <dialog
      ref={dialog}
      class="kb-template"
      aria-labelledby="kb-template-title"
      aria-describedby="kb-template-hint"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === dialog.current) dialog.current?.close();
      }}
    >
      <div class="kb-template-body">
        <header class="kb-template-head">
          <h2 id="kb-template-title">{t(phrasing ? 'kbAddPhrasingTitle' : 'kbWriteEntryTitle')}</h2>
          <button type="button" class="kb-template-x" aria-label={t('kbCloseDialog')} onClick={() => dialog.current?.close()}>
            ×
          </button>
        </header>
        <p class="kb-template-question">
          <bdi dir="auto">{template.question}</bdi> <span class="badge">{localeName(t, template.locale)}</span>
        </p>
        <div id="kb-template-hint" class="kb-template-hint">
          <p>
            {fill(t(phrasing ? 'kbPhrasingAddTo' : 'kbTemplateSaveIn'), {
              key: <code dir="ltr">questions:</code>,
              file: <code dir="ltr">{template.fileName}</code>,
              folder: (
                <code dir="ltr" class="kb-folder">
                  {template.folder}
                </code>
              ),
            })}
          </p>
          <p class="muted">{t(phrasing ? 'kbPhrasingIntro' : 'kbTemplateIntro')}</p>
        </div>
        <label class="field kb-template-field">
          <span>{t(phrasing ? 'kbPhrasingLine' : 'kbTemplateFile')}</span>
          <textarea ref={text} class="kb-template-text" readOnly dir="ltr" spellcheck={false} rows={Math.min(14, template.text.split('\n').length + 1)} value={template.text} />
        </label>
        <div class="kb-template-actions">
          <button type="button" class="primary" onClick={() => void onCopy()}>
            {t('kbCopy')}
          </button>
          {!phrasing && (
            <button type="button" onClick={onDownload}>
              {t('kbDownload')}
            </button>
          )}
          <span class={`kb-copy-status ${copy}`} role="status" aria-live="polite">
            {copy === 'copied' ? `✓ ${t('kbCopied')}` : copy === 'selected' ? t('kbCopySelected') : ''}
          </span>
          <button type="button" class="kb-template-close" onClick={() => dialog.current?.close()}>
            {t('kbCloseDialog')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
