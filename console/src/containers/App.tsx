// Top level: the console's language, and whether someone is signed in.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentInfo } from '../../../protocol/index.ts';
import { me } from '../api.ts';
import { applyLang, I18nContext, loadLang, saveLang, translator, type UiLang } from '../i18n.ts';
import { LoginContainer } from './LoginContainer.tsx';
import { Workspace } from './Workspace.tsx';

type Auth = { state: 'checking' } | { state: 'out' } | { state: 'in'; agent: AgentInfo };

export function App() {
  const [lang, setLangState] = useState<UiLang>(loadLang);
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang: (next: UiLang) => {
        saveLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => applyLang(lang), [lang]);
  useEffect(() => {
    me()
      .then((agent) => setAuth(agent ? { state: 'in', agent } : { state: 'out' }))
      .catch(() => setAuth({ state: 'out' }));
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      {auth.state === 'checking' ? (
        <p class="placeholder">{i18n.t('loading')}</p>
      ) : auth.state === 'out' ? (
        <LoginContainer onLoggedIn={(agent) => setAuth({ state: 'in', agent })} />
      ) : (
        <Workspace key={auth.agent.id} agent={auth.agent} onLoggedOut={() => setAuth({ state: 'out' })} />
      )}
    </I18nContext.Provider>
  );
}
