// The entry editor: id, language, questions, tags and the markdown answer on one side; on the
// other, the answer as the widget will show it and what must be fixed before it can be saved.
import type { KbConflict, KbIssueInfo, KbPreview, Locale } from '../../../../protocol/index.ts';
import { LOCALES } from '../../../../protocol/index.ts';
import { Rich } from '../../../../common/rich.tsx';
import { textDir } from '../../../../common/dir.ts';
import { localeName, useI18n } from '../../i18n.ts';
import './kb.css';

export interface EntryFields {
  id: string;
  locale: Locale;
  /** one per line */
  questions: string;
  /** comma-separated */
  tags: string;
  answer: string;
}

interface Props {
  title: string;
  fields: EntryFields | null;
  fixedId: boolean;
  preview: KbPreview | null;
  issues: KbIssueInfo[];
  conflict: KbConflict | null;
  error: string | null;
  saving: boolean;
  onFields: (f: EntryFields) => void;
  onSave: () => void;
  onDelete?: () => void;
  onCancel: () => void;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}

export function KbEditorView(p: Props) {
  const { t } = useI18n();
  const f = p.fields;
  const set = (patch: Partial<EntryFields>) => f && p.onFields({ ...f, ...patch });
  const rtl = f?.locale !== 'en';
  return (
    <section class="card kb-editor" aria-labelledby="kb-editor-title">
      <h2 id="kb-editor-title">{p.title}</h2>
      {p.error && (
        <p class="notice error" role="alert">
          {p.error}
        </p>
      )}
      {p.conflict && (
        <div class="notice warn" role="alert">
          <p>{p.conflict.current ? t('kbConflict') : t('kbConflictGone')}</p>
          <div class="kb-editor-actions">
            {p.conflict.current && (
              <>
                <button type="button" onClick={p.onLoadTheirs}>
                  {t('kbLoadTheirs')}
                </button>
                <button type="button" class="danger" onClick={p.onKeepMine}>
                  {t('kbKeepMine')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
      {f && (
        <div class="kb-editor-grid">
          <form
            class="kb-editor-form"
            onSubmit={(e) => {
              e.preventDefault();
              p.onSave();
            }}
          >
            <div class="fields">
              <label class="field grow">
                <span>{t('kbFieldId')}</span>
                <input required dir="ltr" maxLength={100} readOnly={p.fixedId} value={f.id} onInput={(e) => set({ id: e.currentTarget.value })} />
              </label>
              <label class="field">
                <span>{t('language')}</span>
                <select value={f.locale} disabled={p.fixedId} onChange={(e) => set({ locale: e.currentTarget.value as Locale })}>
                  {LOCALES.map((l) => (
                    <option key={l} value={l}>
                      {localeName(t, l)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label class="field">
              <span>{t('kbFieldQuestions')}</span>
              <textarea required rows={4} dir={rtl ? 'rtl' : 'ltr'} value={f.questions} onInput={(e) => set({ questions: e.currentTarget.value })} />
            </label>
            <label class="field">
              <span>{t('kbFieldTags')}</span>
              <input dir="auto" value={f.tags} onInput={(e) => set({ tags: e.currentTarget.value })} />
            </label>
            <label class="field">
              <span>{t('kbFieldAnswer')}</span>
              <textarea required rows={8} dir={rtl ? 'rtl' : 'ltr'} spellcheck value={f.answer} onInput={(e) => set({ answer: e.currentTarget.value })} />
            </label>
            {p.issues.length > 0 && (
              <div class="notice error" role="alert">
                <strong>{t('kbProblems')}</strong>
                <ul class="kb-issues-list">
                  {p.issues.map((i, n) => (
                    <li key={n}>
                      <bdi dir="ltr">{i.message}</bdi>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div class="kb-editor-actions">
              <button type="submit" class="primary" disabled={p.saving || p.issues.length > 0 || !!p.conflict}>
                {p.saving ? t('kbSaving') : t('kbSave')}
              </button>
              <button type="button" onClick={p.onCancel}>
                {t('kbCancel')}
              </button>
              {p.onDelete && (
                <button type="button" class="danger" onClick={p.onDelete}>
                  {t('kbDeleteEntry')}
                </button>
              )}
            </div>
          </form>
          <div class="kb-preview" aria-live="polite">
            <h3>{t('kbPreviewTitle')}</h3>
            <div class="widget-frame" dir={rtl ? 'rtl' : 'ltr'} lang={f.locale}>
              {p.preview && (
                <div class="widget-bubble" dir={textDir(f.answer, rtl)}>
                  <Rich blocks={p.preview.rich} />
                </div>
              )}
            </div>
            {p.preview?.text && (
              <details>
                <summary>
                  <code dir="ltr">
                    {f.locale}/{f.id}.md
                  </code>
                </summary>
                <pre dir="ltr" class="kb-file-text">
                  {p.preview.text}
                </pre>
              </details>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
