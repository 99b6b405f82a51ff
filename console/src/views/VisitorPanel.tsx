// Who the visitor is and where they came from, plus their earlier conversations.
import type { ComponentChildren } from 'preact';
import type { ConversationDetail } from '../../../protocol/index.ts';
import { intlTag, localeName, useI18n, type StringKey } from '../i18n.ts';
import { formatDate } from '../lib/time.ts';
import { parseUserAgent } from '../lib/ua.ts';
import { useNow } from '../lib/useNow.ts';
import { Transcript } from './Transcript.tsx';

function Row({ label, children, ltr }: { label: string; children: ComponentChildren; ltr?: boolean }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd dir={ltr ? 'ltr' : 'auto'}>{children}</dd>
    </div>
  );
}

function ExternalLink({ href }: { href: string }) {
  const safe = /^https?:\/\//i.test(href);
  return safe ? (
    <a href={href} target="_blank" rel="noopener noreferrer" class="url">
      {href}
    </a>
  ) : (
    <span class="url">{href}</span>
  );
}

function LocalTime({ timeZone, lang }: { timeZone: string; lang: string }) {
  const now = useNow(30_000);
  let text: string;
  try {
    text = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  } catch {
    return null;
  }
  return (
    <>
      {text} <small dir="ltr">({timeZone})</small>
    </>
  );
}

export function VisitorPanel({ detail }: { detail: ConversationDetail }) {
  const { t, lang } = useI18n();
  const v = detail.visitor;
  const ua = parseUserAgent(v.userAgent);
  const tag = intlTag(lang);
  return (
    <aside class="visitor-panel" aria-labelledby="visitor-title">
      <h2 id="visitor-title">{t('visitorPanel')}</h2>
      <dl class="facts">
        {v.customer && (
          <Row label={t('customer')}>
            <span class="badge verified" title={t('customerVerifiedTitle')}>
              ✓ {t('customerVerified')}
            </span>{' '}
            {v.customer.name ?? v.customer.email ?? ''}
          </Row>
        )}
        {v.customer?.userId && (
          <Row label={t('customerUserId')} ltr>
            {v.customer.userId}
          </Row>
        )}
        {v.profile.name && <Row label={t('name')}>{v.profile.name}</Row>}
        {v.profile.email && (
          <Row label={t('email')} ltr>
            <a href={`mailto:${v.profile.email}`}>{v.profile.email}</a>
          </Row>
        )}
        {v.profile.phone && (
          <Row label={t('phone')} ltr>
            <a href={`tel:${v.profile.phone}`}>{v.profile.phone}</a>
          </Row>
        )}
        {v.page && (
          <Row label={t('page')} ltr>
            <ExternalLink href={v.page.url} />
          </Row>
        )}
        {v.page?.title && <Row label={t('pageTitle')}>{v.page.title}</Row>}
        {v.page?.referrer && (
          <Row label={t('referrer')} ltr>
            <ExternalLink href={v.page.referrer} />
          </Row>
        )}
        <Row label={t('language')}>{localeName(t, detail.conversation.locale)}</Row>
        <Row label={t('browser')}>{[ua.browser, ua.os].filter(Boolean).join(' · ') || t('unknown')}</Row>
        <Row label={t('device')}>{t(`device_${ua.device}`)}</Row>
        {v.timeZone && (
          <Row label={t('localTime')}>
            <LocalTime timeZone={v.timeZone} lang={tag} />
          </Row>
        )}
        <Row label={t('visits')}>{v.visits.toLocaleString(tag)}</Row>
        <Row label={t('firstSeen')}>{formatDate(v.firstSeenAt, tag)}</Row>
      </dl>
      <h3>{t(v.customer ? 'customerHistory' : 'earlier')}</h3>
      {detail.earlier.length === 0 ? (
        <p class="muted">{t('earlierNone')}</p>
      ) : (
        <ul class="earlier">
          {detail.earlier.map((e) => (
            <li key={e.conversation.id}>
              <details>
                <summary>
                  <span class={`badge channel channel-${e.conversation.channel ?? 'chat'}`}>{t(`channel_${e.conversation.channel ?? 'chat'}` as StringKey)}</span>{' '}
                  <span dir="auto" class="earlier-q">
                    {e.conversation.firstQuestion ?? t('noQuestion')}
                  </span>
                  <small>
                    {formatDate(e.conversation.createdAt, tag)} · {t('messagesCount', { n: e.messages.length })}
                  </small>
                </summary>
                <Transcript messages={e.messages} locale={e.conversation.locale} compact />
              </details>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
