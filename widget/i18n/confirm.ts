// Strings of the middle band's card (they come with its chunk, app/confirm.tsx).
import type { ConfirmLabels } from '../../common/confirm-card.tsx';
import type { Locale } from '../types.ts';

export const CONFIRM: Record<Locale, ConfirmLabels> = {
  fa: { ask: 'منظورتان این است؟', yes: 'بله، پاسخ را نشان بده', no: 'نه، چیز دیگری' },
  ar: { ask: 'هل تقصد هذا؟', yes: 'نعم، أرني الإجابة', no: 'لا، شيء آخر' },
  en: { ask: 'Is this what you mean?', yes: 'Yes, show me the answer', no: 'No, something else' },
};
