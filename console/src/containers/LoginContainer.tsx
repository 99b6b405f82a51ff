import { useState } from 'preact/hooks';
import type { AgentInfo } from '../../../protocol/index.ts';
import { ApiError, login } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { LoginView } from '../views/LoginView.tsx';

export function LoginContainer({ onLoggedIn }: { onLoggedIn: (agent: AgentInfo) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const agent = await login({ email: email.trim(), password });
      onLoggedIn(agent);
    } catch (e) {
      setBusy(false);
      setPassword('');
      if (e instanceof ApiError && e.status === 401) setError(t('loginFailed'));
      else setError(t('loginError', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return <LoginView email={email} password={password} busy={busy} error={error} onEmail={setEmail} onPassword={setPassword} onSubmit={submit} />;
}
