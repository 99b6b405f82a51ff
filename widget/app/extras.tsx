// Views needed only late in a conversation (rating after close, pre-chat form before a
// handoff): a separate chunk (dist/widget/extras.js) so they do not weigh on the first load.
import { useState } from 'preact/hooks';
import { num, type Strings } from '../i18n/index.ts';
import type { Locale } from '../types.ts';

export function Rating({ t, locale, rated, onRate, onRestart }: { t: Strings; locale: Locale; rated: boolean; onRate(score: number, comment: string): Promise<boolean>; onRestart(): void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div class="fm">
      <p role="status">{rated ? t.thanks : t.closed}</p>
      {!rated && (
        <form
          class="fm"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!score || busy) return;
            setBusy(true);
            await onRate(score, comment);
            setBusy(false);
          }}
        >
          <fieldset class="fm">
            <legend>{t.rateQ}</legend>
            <div class="stars" dir="ltr">
              {[1, 2, 3, 4, 5].map((n) => (
                <>
                  <input class="sr" type="radio" name="porsan-score" id={'porsan-s' + n} value={n} checked={score === n} onChange={() => setScore(n)} />
                  <label for={'porsan-s' + n} class={n <= score ? 'on' : ''} title={t.star(num(locale, n))}>
                    <span aria-hidden="true">★</span>
                    <span class="sr">{t.star(num(locale, n))}</span>
                  </label>
                </>
              ))}
            </div>
          </fieldset>
          <label>
            {t.comment}
            <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="submit" class="pri" disabled={!score || busy}>
              {t.sendRating}
            </button>
          </div>
        </form>
      )}
      <div class="row">
        <button type="button" class="chip restart" onClick={onRestart}>
          {t.restart}
        </button>
      </div>
    </div>
  );
}

export function Prechat({ t, onDone, onCancel }: { t: Strings; onDone(p: { name: string; email: string; phone: string }): void; onCancel(): void }) {
  const [error, setError] = useState('');
  return (
    <form
      class="fm prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (k: string) => String(f.get(k) || '').trim();
        if (!get('email') && !get('phone')) return setError(t.contactNeeded);
        onDone({ name: get('name'), email: get('email'), phone: get('phone') });
      }}
    >
      <p>{t.prechatIntro}</p>
      <label>
        {t.name}
        <input type="text" name="name" autoComplete="name" maxLength={100} />
      </label>
      <label>
        {t.email}
        <input type="email" name="email" autoComplete="email" dir="ltr" maxLength={100} aria-describedby="porsan-pe" />
      </label>
      <label>
        {t.phone}
        <input type="tel" name="phone" autoComplete="tel" dir="ltr" maxLength={100} aria-describedby="porsan-pe" />
      </label>
      <p id="porsan-pe" class="meta err" role="alert">
        {error}
      </p>
      <div class="row">
        <button type="submit" class="pri">
          {t.continue}
        </button>
        <button type="button" class="chip" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
