// What the system says on a handoff, from the real settings and queue: the hours grouped the way
// people say them, in each language and its digits; the place and the wait.
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../protocol/index.ts';
import { describeHours, queuedText } from '../../server/conversations/availability.ts';

const iran: BusinessHours = { timeZone: 'Asia/Tehran', days: { '6': ['09:00-18:00'], '0': ['09:00-18:00'], '1': ['09:00-18:00'], '2': ['09:00-18:00'], '3': ['09:00-18:00'], '4': ['09:00-13:00'], '5': [] } };

describe('handoff words', () => {
  it('groups the week from the day after a closed one (Saturday–Wednesday, then Thursday), in the visitor’s language and digits', () => {
    expect(describeHours(iran, 'en')).toMatch(/^Saturday–Wednesday 09:00–18:00; Thursday 09:00–13:00 \(.+\)$/);
    expect(describeHours(iran, 'fa')).toMatch(/^شنبه–چهارشنبه ۰۹:۰۰–۱۸:۰۰؛ پنجشنبه ۰۹:۰۰–۱۳:۰۰ \(.+\)$/);
  });

  it('says the place in the queue, and the wait only when there is one to go by', () => {
    expect(queuedText('en', 2, null)).toBe("You're in the queue to talk to a person: number 2.");
    expect(queuedText('en', 2, 20)).toBe("You're in the queue to talk to a person: number 2, less than a minute to wait.");
    expect(queuedText('en', 3, 250)).toBe("You're in the queue to talk to a person: number 3, about 4 minutes to wait.");
    expect(queuedText('fa', 3, 250)).toContain('نفر ۳ صف هستید، حدود ۴ دقیقه انتظار.');
  });
});
