// API tokens: the list (never the tokens themselves), a form to make one, revoking.
import { useState } from 'preact/hooks';
import type { AgentStatus, ApiScope, ApiTokenInfo } from '../../../../protocol/index.ts';
import { intlTag, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { SecretOnce } from './SecretOnce.tsx';

interface Props {
  tokens: ApiTokenInfo[] | null;
  /** People a token may write as (active, working conversations). */
  writers: AgentStatus[];
  meId: string;
  created: string | null;
  onCreate: (name: string, scopes: ApiScope[], agentId: string) => Promise<boolean>;
  onRevoke: (t: ApiTokenInfo) => void;
}

export function TokensPanel({ tokens, writers, meId, created, onCreate, onRevoke }: Props) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['read']);
  const [agentId, setAgentId] = useState(meId);
  const [problem, setProblem] = useState('');
  const toggle = (s: ApiScope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('intTokens')}</h2>
      <p class="muted hint">
        {t('intTokensHint', { doc: '/api/v1/openapi.json' }).split('/api/v1/openapi.json')[0]}
        <a href="/api/v1/openapi.json" target="_blank" rel="noopener" dir="ltr">
          /api/v1/openapi.json
        </a>
        {t('intTokensHint', { doc: '/api/v1/openapi.json' }).split('/api/v1/openapi.json')[1]}
      </p>
      {created && <SecretOnce intro={t('intTokenShown')} value={created} />}
      {tokens === null ? (
        <p class="muted">{t('loading')}</p>
      ) : tokens.length === 0 ? (
        <p class="muted">{t('intNoTokens')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('intName')}</th>
                <th scope="col">{t('intScopes')}</th>
                <th scope="col">{t('intWritesAs')}</th>
                <th scope="col">{t('intCreated')}</th>
                <th scope="col">{t('intLastUsed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('intRevoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tok) => (
                <tr key={tok.id} class={tok.revokedAt ? 'inactive' : undefined}>
                  <th scope="row">
                    <bdi>{tok.name}</bdi>
                  </th>
                  <td>{tok.scopes.map((s) => t(`scope_${s}`)).join(lang === 'fa' ? '، ' : ', ')}</td>
                  <td>
                    <bdi>{tok.agentName ?? '—'}</bdi>
                  </td>
                  <td>{formatDate(tok.createdAt, intlTag(lang))}</td>
                  <td>{tok.lastUsedAt ? formatDate(tok.lastUsedAt, intlTag(lang)) : t('intNever')}</td>
                  <td>
                    {tok.revokedAt ? (
                      <span class="muted">{t('intRevoked')}</span>
                    ) : (
                      <button type="button" onClick={() => onRevoke(tok)} aria-label={`${t('intRevoke')}: ${tok.name}`}>
                        {t('intRevoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        class="new-token fields-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!scopes.length) return setProblem(t('intPickScope'));
          setProblem('');
          if (await onCreate(name.trim(), scopes, agentId)) setName('');
        }}
      >
        <label class="field">
          {t('intName')}
          <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset class="field checks">
          <legend>{t('intScopes')}</legend>
          {(['read', 'write'] as const).map((s) => (
            <label key={s} class="check">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} />
              {t(s === 'read' ? 'intScopeRead' : 'intScopeWrite')}
            </label>
          ))}
        </fieldset>
        <label class="field">
          {t('intWritesAs')}
          <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
            {writers.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {t('intCreateToken')}
        </button>
        {problem && (
          <p class="notice error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}
