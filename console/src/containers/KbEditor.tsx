// Writing an FAQ entry in the console: the fields of its file, a live preview of the answer as
// the widget shows it (the server's markdown → rich tree, drawn by common/rich.tsx), the loader's
// own checks before saving, and a clear choice when someone else changed the file meanwhile.
import { useEffect, useState } from 'preact/hooks';
import type { KbConflict, KbEntryDraft, KbIssueInfo, KbPreview, Locale } from '../../../protocol/index.ts';
import { ApiError, conflictOf, kbCreate, kbDelete, kbEntry, kbPreview, kbUpdate } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { KbEditorView, type EntryFields } from '../views/kb/KbEditorView.tsx';

export type EditorTarget = { kind: 'new'; locale: Locale } | { kind: 'edit'; id: string };

const toDraft = (f: EntryFields): KbEntryDraft => ({
  id: f.id.trim(),
  locale: f.locale,
  questions: f.questions.split('\n').map((q) => q.trim()).filter(Boolean),
  tags: f.tags.split(/[,،]/).map((x) => x.trim()).filter(Boolean),
  answer: f.answer,
});
const toFields = (e: KbEntryDraft): EntryFields => ({ id: e.id, locale: e.locale, questions: e.questions.join('\n'), tags: e.tags.join(', '), answer: e.answer });

export function KbEditor({ target, onDone }: { target: EditorTarget; onDone: (message: string | null) => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState<EntryFields | null>(target.kind === 'new' ? { id: '', locale: target.locale, questions: '', tags: '', answer: '' } : null);
  const [baseHash, setBaseHash] = useState<string | null>(null);
  const [preview, setPreview] = useState<KbPreview | null>(null);
  const [issues, setIssues] = useState<KbIssueInfo[]>([]);
  const [conflict, setConflict] = useState<KbConflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (target.kind !== 'edit') return;
    kbEntry(target.id).then(
      (f) => {
        setFields(toFields(f.entry));
        setBaseHash(f.hash);
      },
      (e) => setError(t('kbFileBroken', { message: e instanceof Error ? e.message : String(e) })),
    );
  }, []);

  // The preview and the checks follow the typing (debounced).
  useEffect(() => {
    if (!fields) return;
    const draft = toDraft(fields);
    if (!draft.id || !draft.questions.length || !draft.answer.trim()) {
      setIssues([]);
      setPreview(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      kbPreview(draft).then(
        (p) => {
          if (stale) return;
          setPreview(p);
          setIssues(p.issues);
        },
        (e) => !stale && setIssues([{ file: '', line: null, message: e instanceof Error ? e.message : String(e) }]),
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [fields]);

  const save = async (hash: string | null) => {
    if (!fields) return;
    setSaving(true);
    setError(null);
    try {
      const draft = toDraft(fields);
      const saved = target.kind === 'new' && hash === null ? await kbCreate(draft) : await kbUpdate(draft, hash ?? '');
      setConflict(null);
      onDone(t(saved.live ? 'kbSavedLive' : 'kbSavedLater', { file: saved.file }));
    } catch (e) {
      const c = conflictOf(e);
      if (c && target.kind === 'edit') setConflict(c);
      else if (c) setError(c.message); // a new entry's id is taken
      else if (e instanceof ApiError && Array.isArray((e.data as { issues?: unknown })?.issues)) setIssues((e.data as { issues: KbIssueInfo[] }).issues);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!fields || !baseHash || !confirm(t('kbConfirmDelete', { id: fields.id, file: `${fields.locale}/${fields.id}.md` }))) return;
    try {
      await kbDelete(fields.id, baseHash);
      onDone(t('kbDeleted', { file: `${fields.locale}/${fields.id}.md` }));
    } catch (e) {
      const c = conflictOf(e);
      if (c) setConflict(c);
      else setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <KbEditorView
      title={target.kind === 'new' ? t('kbNewTitle') : t('kbEditTitle', { id: target.id })}
      fields={fields}
      fixedId={target.kind === 'edit'}
      preview={preview}
      issues={issues}
      conflict={conflict}
      error={error}
      saving={saving}
      onFields={setFields}
      onSave={() => void save(target.kind === 'new' ? null : baseHash)}
      onDelete={target.kind === 'edit' ? () => void remove() : undefined}
      onCancel={() => onDone(null)}
      onLoadTheirs={() => {
        if (conflict?.current) {
          setFields(toFields(conflict.current.entry));
          setBaseHash(conflict.current.hash);
        }
        setConflict(null);
      }}
      onKeepMine={() => {
        const hash = conflict?.current?.hash ?? null;
        setBaseHash(hash);
        setConflict(null);
        if (hash) void save(hash);
      }}
    />
  );
}
