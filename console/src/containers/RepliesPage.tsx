// The team's saved replies: everyone who works conversations reads them here (and uses them with
// `/` in the composer); admins add, change and delete them.
import { useState } from 'preact/hooks';
import type { SavedReply, SavedReplyInput } from '../../../protocol/index.ts';
import { REPLY_LIMITS } from '../../../protocol/index.ts';
import { createReply, deleteReply, updateReply } from '../api.ts';
import { useI18n } from '../i18n.ts';

const EMPTY: SavedReplyInput = { shortcut: '', title: '', body: '' };

export function RepliesPage({ replies, canManage, onChanged }: { replies: SavedReply[]; canManage: boolean; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const [form, setForm] = useState<SavedReplyInput>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = async (task: () => Promise<unknown>, ok: string) => {
    try {
      await task();
      await onChanged();
      setStatus({ kind: 'ok', text: ok });
      return true;
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
  const save = async () => {
    const shortcut = form.shortcut.replace(/^\//, '');
    const done = await run(() => (editing ? updateReply(editing, form) : createReply(form)), t('replySaved', { shortcut }));
    if (done) {
      setForm(EMPTY);
      setEditing(null);
    }
  };
  return (
    <div class="page-body">
      <h1>{t('pageReplies')}</h1>
      <p class="muted">{t('repliesIntro')}</p>
      {status && (
        <p class={status.kind === 'ok' ? 'notice ok' : 'notice error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      <section class="card" aria-labelledby="replies-title">
        <h2 id="replies-title">{t('pageReplies')}</h2>
        {replies.length === 0 ? (
          <p class="muted">{t('repliesEmpty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table replies-table">
              <thead>
                <tr>
                  <th scope="col">{t('replyShortcut')}</th>
                  <th scope="col">{t('replyTitle')}</th>
                  <th scope="col">{t('replyBody')}</th>
                  {canManage && <th scope="col" />}
                </tr>
              </thead>
              <tbody>
                {replies.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <span class="slash-shortcut" dir="auto">
                        /{r.shortcut}
                      </span>
                    </td>
                    <td dir="auto">{r.title}</td>
                    <td dir="auto" class="reply-body">
                      {r.body}
                    </td>
                    {canManage && (
                      <td class="row-actions">
                        <button
                          type="button"
                          onClick={() => {
                            setEditing(r.id);
                            setForm({ shortcut: r.shortcut, title: r.title, body: r.body });
                          }}
                        >
                          {t('editReply')}
                        </button>
                        <button type="button" class="danger" onClick={() => confirm(t('confirmDeleteReply', { shortcut: r.shortcut })) && void run(() => deleteReply(r.id), t('saved'))}>
                          {t('deleteReply')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          <form
            class="reply-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h3>{editing ? t('editReply') : t('addReply')}</h3>
            <div class="fields">
              <label class="field">
                <span>{t('replyShortcut')}</span>
                <input required dir="auto" maxLength={REPLY_LIMITS.shortcut + 1} placeholder="/shipping" value={form.shortcut} onInput={(e) => setForm({ ...form, shortcut: e.currentTarget.value })} />
              </label>
              <label class="field grow">
                <span>{t('replyTitle')}</span>
                <input required dir="auto" maxLength={REPLY_LIMITS.title} value={form.title} onInput={(e) => setForm({ ...form, title: e.currentTarget.value })} />
              </label>
            </div>
            <label class="field">
              <span>{t('replyBody')}</span>
              <textarea required dir="auto" rows={3} maxLength={REPLY_LIMITS.body} value={form.body} onInput={(e) => setForm({ ...form, body: e.currentTarget.value })} />
            </label>
            <div class="row-actions">
              <button type="submit" class="primary">
                {editing ? t('saveReply') : t('addReply')}
              </button>
              {editing && (
                <button
                  type="button"
                  onClick={() => {
                    setEditing(null);
                    setForm(EMPTY);
                  }}
                >
                  {t('cancel')}
                </button>
              )}
            </div>
          </form>
        ) : (
          <p class="muted">{t('repliesReadOnly')}</p>
        )}
      </section>
    </div>
  );
}
