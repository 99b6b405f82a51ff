// Webhook endpoints: the list, a form to add one (its signing secret shown once), removing, and
// each endpoint's delivery log with re-sending.
import { useState } from 'preact/hooks';
import type { WebhookDeliveryInfo, WebhookEvent, WebhookInfo } from '../../../../protocol/index.ts';
import { WEBHOOK_EVENTS } from '../../../../protocol/index.ts';
import { intlTag, useI18n } from '../../i18n.ts';
import { formatDate } from '../../lib/time.ts';
import { SecretOnce } from './SecretOnce.tsx';

interface Props {
  webhooks: WebhookInfo[] | null;
  created: string | null;
  /** The endpoint whose deliveries are open, and them. */
  open: { webhookId: string; deliveries: WebhookDeliveryInfo[] | null } | null;
  onCreate: (url: string, events: WebhookEvent[]) => Promise<boolean>;
  onRemove: (w: WebhookInfo) => void;
  onToggleDeliveries: (w: WebhookInfo) => void;
  onResend: (d: WebhookDeliveryInfo) => void;
}

function Deliveries({ deliveries, onResend }: { deliveries: WebhookDeliveryInfo[] | null; onResend: Props['onResend'] }) {
  const { t, lang } = useI18n();
  if (deliveries === null) return <p class="muted">{t('loading')}</p>;
  if (deliveries.length === 0) return <p class="muted">{t('intNoDeliveries')}</p>;
  return (
    <div class="table-wrap">
      <table class="table deliveries">
        <thead>
          <tr>
            <th scope="col">{t('intWhen')}</th>
            <th scope="col">{t('intEvent')}</th>
            <th scope="col">{t('intStatus')}</th>
            <th scope="col">{t('intAttempts')}</th>
            <th scope="col">{t('intAnswer')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('intResend')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-status={d.status}>
              <td>{formatDate(d.createdAt, intlTag(lang))}</td>
              <td dir="ltr" class="cell-ltr">
                <code>{d.event}</code>
              </td>
              <td>
                <span class={`status status-${d.status}`}>{t(`status_${d.status}`)}</span>
                {d.nextAttemptAt && <span class="muted"> · {t('intNextAttempt', { when: formatDate(d.nextAttemptAt, intlTag(lang)) })}</span>}
              </td>
              <td class="num-cell">{d.attempts.toLocaleString(intlTag(lang))}</td>
              <td dir="ltr" class="cell-ltr">
                {d.lastStatusCode ?? ''} {d.lastError && d.lastStatusCode === null ? <span class="muted">{d.lastError}</span> : null}
              </td>
              <td>
                {d.status !== 'sending' && (
                  <button type="button" onClick={() => onResend(d)}>
                    {t('intResend')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WebhooksPanel({ webhooks, created, open, onCreate, onRemove, onToggleDeliveries, onResend }: Props) {
  const { t, lang } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [problem, setProblem] = useState('');
  const toggle = (e: WebhookEvent) => setEvents((cur) => (cur.includes(e) ? cur.filter((x) => x !== e) : [...cur, e]));
  return (
    <section class="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('intWebhooks')}</h2>
      <p class="muted hint">{t('intWebhooksHint')}</p>
      {created && <SecretOnce intro={t('intSecretShown')} value={created} />}
      {webhooks === null ? (
        <p class="muted">{t('loading')}</p>
      ) : webhooks.length === 0 ? (
        <p class="muted">{t('intNoWebhooks')}</p>
      ) : (
        <ul class="webhooks">
          {webhooks.map((w) => (
            <li key={w.id} class="webhook">
              <div class="webhook-row">
                <code dir="ltr" class="webhook-url">
                  {w.url}
                </code>
                <span class="muted">{formatDate(w.createdAt, intlTag(lang))}</span>
                <span class="spacer" />
                <button type="button" aria-expanded={open?.webhookId === w.id} onClick={() => onToggleDeliveries(w)}>
                  {open?.webhookId === w.id ? t('intHideDeliveries') : t('intDeliveries')}
                </button>
                <button type="button" onClick={() => onRemove(w)}>
                  {t('intRemove')}
                </button>
              </div>
              <p class="webhook-events" dir="ltr">
                {w.events.map((e) => (
                  <code key={e}>{e}</code>
                ))}
              </p>
              {open?.webhookId === w.id && <Deliveries deliveries={open.deliveries} onResend={onResend} />}
            </li>
          ))}
        </ul>
      )}
      <form
        class="new-webhook fields-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!events.length) return setProblem(t('intPickEvent'));
          setProblem('');
          if (await onCreate(url.trim(), events)) setUrl('');
        }}
      >
        <label class="field grow">
          {t('intUrl')}
          <input type="url" required maxLength={2000} dir="ltr" placeholder="https://example.com/porsan-hooks" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <fieldset class="field checks events">
          <legend>{t('intEvents')}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} class="check" dir="ltr">
              <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} />
              <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          {t('intAddWebhook')}
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
