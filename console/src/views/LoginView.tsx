import { useI18n } from '../i18n.ts';
import { LangSwitch } from './LangSwitch.tsx';

interface Props {
  email: string;
  password: string;
  busy: boolean;
  error: string | null;
  onEmail: (v: string) => void;
  onPassword: (v: string) => void;
  onSubmit: () => void;
}

export function LoginView(p: Props) {
  const { t } = useI18n();
  return (
    <main class="login">
      <form
        class="login-card"
        aria-labelledby="login-title"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSubmit();
        }}
      >
        <div class="login-top">
          <strong class="brand">{t('brand')}</strong>
          <LangSwitch />
        </div>
        <h1 id="login-title">{t('loginTitle')}</h1>
        <label for="login-email">{t('email')}</label>
        <input id="login-email" name="email" type="email" dir="ltr" autocomplete="username" required value={p.email} onInput={(e) => p.onEmail(e.currentTarget.value)} />
        <label for="login-password">{t('password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          dir="ltr"
          autocomplete="current-password"
          required
          value={p.password}
          onInput={(e) => p.onPassword(e.currentTarget.value)}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={p.error ? 'login-error' : undefined}
        />
        {p.error && (
          <p id="login-error" class="error" role="alert">
            {p.error}
          </p>
        )}
        <button type="submit" class="primary" disabled={p.busy}>
          {p.busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
