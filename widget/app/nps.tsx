// "How likely are you to recommend us?" (0–10, with a comment): shown after the rating of an
// ended conversation when the server says it is due (at most once per customer per window).
// Its own chunk, with its own strings and styles, fetched only when it is asked.
import { useState } from 'preact/hooks';
import type { ChatClient } from '../transport.ts';
import { num } from '../i18n/index.ts';
import type { Locale } from '../types.ts';

const STRINGS: Record<Locale, { q: string; low: string; high: string; comment: string; send: string; thanks: string }> = {
  en: { q: 'How likely are you to recommend us?', low: 'Not at all likely', high: 'Extremely likely', comment: 'Anything to add? (optional)', send: 'Send', thanks: 'Thank you for your answer!' },
  fa: { q: 'چقدر احتمال دارد ما را به دیگران پیشنهاد کنید؟', low: 'اصلاً', high: 'حتماً', comment: 'توضیحی دارید؟ (اختیاری)', send: 'ارسال', thanks: 'از پاسخ شما سپاسگزاریم!' },
  ar: { q: 'ما مدى احتمال أن توصي بنا للآخرين؟', low: 'غير محتمل إطلاقًا', high: 'محتمل جدًا', comment: 'هل لديك ما تضيفه؟ (اختياري)', send: 'إرسال', thanks: 'شكرًا على إجابتك!' },
};

if (typeof document != 'undefined') {
  const style = document.createElement('style');
  style.textContent =
    '.nps .scale{display:flex;gap:3px}.nps .scale label{flex:1;min-width:0;text-align:center;border:1px solid #80868b;border-radius:6px;padding:5px 0;font-size:13px;cursor:pointer}' +
    '.nps .scale .on{background:var(--pc);color:var(--po);border-color:var(--pc)}.nps .ends{display:flex;justify-content:space-between;font-size:12px;color:#5f6368}';
  document.querySelector('porsan-widget')?.shadowRoot?.append(style);
}

export function Nps({ client, id, locale }: { client: ChatClient; id: string; locale: Locale }) {
  const t = STRINGS[locale] ?? STRINGS.en;
  const [score, setScore] = useState(-1);
  const [comment, setComment] = useState('');
  const [state, setState] = useState(''); // '', 'busy', 'done'
  if (state == 'done') return <p role="status">{t.thanks}</p>;
  return (
    <form
      class="fm nps"
      onSubmit={async (e) => {
        e.preventDefault();
        if (score < 0 || state) return;
        setState('busy');
        const r = await client.call('nps', { conversationId: id, score, ...(comment.trim() && { comment: comment.trim().slice(0, 1000) }) });
        // Refused because it was answered meanwhile (another tab or device): nothing more to ask.
        setState(r.ok || r.error == 'wrong_state' ? 'done' : '');
      }}
    >
      <fieldset class="fm">
        <legend>{t.q}</legend>
        <div class="scale">
          {Array.from({ length: 11 }, (_, n) => (
            <>
              <input class="sr" type="radio" name="porsan-nps" id={'porsan-n' + n} value={n} checked={score === n} onChange={() => setScore(n)} />
              <label for={'porsan-n' + n} class={n === score ? 'on' : ''}>
                {num(locale, n)}
              </label>
            </>
          ))}
        </div>
        <div class="ends" aria-hidden="true">
          <span>{t.low}</span>
          <span>{t.high}</span>
        </div>
      </fieldset>
      <label>
        {t.comment}
        <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" class="pri" disabled={score < 0 || !!state}>
          {t.send}
        </button>
      </div>
    </form>
  );
}
