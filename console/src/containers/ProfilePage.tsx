// One's own profile: the display name and picture visitors see while talking with you.
import { useEffect, useState } from 'preact/hooks';
import type { AgentInfo, Profile } from '../../../protocol/index.ts';
import { getProfile, removeAvatar, saveAvatar, saveProfileName } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { squareAvatar } from '../lib/avatar.ts';

export function ProfilePage({ onSaved }: { onSaved: (p: Pick<AgentInfo, 'name' | 'avatar'>) => void }) {
  const { t } = useI18n();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getProfile().then(
      (p) => {
        setProfile(p);
        setName(p.name);
      },
      (e) => setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  const apply = async (task: () => Promise<Profile>) => {
    setBusy(true);
    try {
      const p = await task();
      setProfile(p);
      setName(p.name);
      onSaved({ name: p.name, avatar: p.avatar });
      setStatus({ kind: 'ok', text: t('profileSaved') });
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page-body profile-page">
      <h1>{t('pageProfile')}</h1>
      <p class="muted">{t('profileHint')}</p>
      {status && (
        <p class={status.kind === 'ok' ? 'notice ok' : 'notice error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      {profile && (
        <section class="card">
          <form
            class="profile-name"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void apply(() => saveProfileName(name.trim()));
            }}
          >
            <label class="field">
              <span>{t('displayName')}</span>
              <input required dir="auto" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <button type="submit" class="primary" disabled={busy || !name.trim() || name.trim() === profile.name}>
              {t('save')}
            </button>
          </form>
          <div class="profile-avatar">
            <span class="field-label">{t('avatar')}</span>
            {profile.avatar ? <img class="avatar-large" src={profile.avatar} alt={t('avatar')} /> : <p class="muted">{t('noAvatar')}</p>}
            <label class="button file-button">
              {t('chooseAvatar')}
              <input
                type="file"
                accept="image/png,image/jpeg,image/webp"
                class="visually-hidden"
                disabled={busy}
                onChange={async (e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (!file) return;
                  let image: Blob;
                  try {
                    image = await squareAvatar(file);
                  } catch {
                    return setStatus({ kind: 'error', text: t('avatarUnreadable') });
                  }
                  await apply(() => saveAvatar(image));
                }}
              />
            </label>
            {profile.avatar && (
              <button type="button" disabled={busy} onClick={() => void apply(removeAvatar)}>
                {t('removeAvatar')}
              </button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
