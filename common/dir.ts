// A message's direction, for the widget and the console alike: the script most of its strong
// characters are in (Arabic/Hebrew → rtl, Latin → ltr), so "PS-10234، هنوز نرسیده" is right to
// left; with neither (digits, emoji) or a tie, the conversation's own direction. Tiny on purpose.
const RTL = /[\u0590-\u065f\u066a-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g;
const LTR = /[a-z\u00c0-\u024f]/gi;

export function textDir(text: string, rtl: boolean): 'rtl' | 'ltr' {
  const r = (text.match(RTL) || []).length - (text.match(LTR) || []).length;
  return r > 0 || (!r && rtl) ? 'rtl' : 'ltr';
}
