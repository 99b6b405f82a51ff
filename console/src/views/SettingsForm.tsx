// Team settings: routing mode, the team's away switch, default limit, business hours per weekday.
import { useState } from 'preact/hooks';
import type { BusinessHours, TeamSettings } from '../../../protocol/index.ts';
import { intlTag, useI18n } from '../i18n.ts';
import { weekOrder } from '../lib/week.ts';

const DAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
const RANGE = /^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;

function weekdayName(day: number, tag: string): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day)));
}

function parseRanges(s: string): string[] | null {
  const parts = s.split(/[,،\s]+/).filter(Boolean);
  return parts.every((p) => RANGE.test(p)) ? parts : null;
}

export function SettingsForm({ settings, onSave }: { settings: TeamSettings; onSave: (s: Partial<TeamSettings>) => void }) {
  const { t, lang } = useI18n();
  const [routing, setRouting] = useState(settings.routing);
  const [teamAway, setTeamAway] = useState(settings.teamAway);
  const [defaultLimit, setDefaultLimit] = useState(String(settings.defaultLimit));
  const [timeZone, setTimeZone] = useState(settings.hours.timeZone);
  const [days, setDays] = useState<Record<string, string>>(Object.fromEntries(DAYS.map((d) => [d, settings.hours.days[d].join(', ')])));
  const parsed = Object.fromEntries(DAYS.map((d) => [d, parseRanges(days[d])])) as Record<(typeof DAYS)[number], string[] | null>;
  const valid = DAYS.every((d) => parsed[d] !== null) && Number.isInteger(Number(defaultLimit)) && Number(defaultLimit) >= 1;
  const tag = intlTag(lang);
  return (
    <form
      class="settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const hours: BusinessHours = { timeZone: timeZone.trim(), days: parsed as BusinessHours['days'] };
        onSave({ routing, teamAway, defaultLimit: Number(defaultLimit), hours });
      }}
    >
      <fieldset>
        <legend>{t('routing')}</legend>
        <label class="check">
          <input type="radio" name="routing" value="manual" checked={routing === 'manual'} onChange={() => setRouting('manual')} />
          {t('routingManual')}
        </label>
        <label class="check">
          <input type="radio" name="routing" value="auto" checked={routing === 'auto'} onChange={() => setRouting('auto')} />
          {t('routingAuto')}
        </label>
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={teamAway} onChange={(e) => setTeamAway(e.currentTarget.checked)} />
        {t('teamAway')}
      </label>
      <label class="field">
        <span>{t('defaultLimit')}</span>
        <input type="number" class="num" min={1} max={50} required value={defaultLimit} onInput={(e) => setDefaultLimit(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>{t('businessHours')}</legend>
        <label class="field">
          <span>{t('timeZone')}</span>
          <input dir="ltr" required value={timeZone} onInput={(e) => setTimeZone(e.currentTarget.value)} />
        </label>
        <p class="muted hint">{t('hoursHint')}</p>
        <div class="days">
          {weekOrder(tag).map((d) => (
            <label key={d} class="field day">
              <span>{weekdayName(Number(d), tag)}</span>
              <input
                dir="ltr"
                placeholder={t('closedAllDay')}
                value={days[d]}
                aria-invalid={parsed[d] === null ? 'true' : undefined}
                onInput={(e) => setDays({ ...days, [d]: e.currentTarget.value })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      {!valid && (
        <p class="error" role="alert">
          {t('hoursInvalid')}
        </p>
      )}
      <button type="submit" class="primary" disabled={!valid}>
        {t('saveSettings')}
      </button>
    </form>
  );
}
