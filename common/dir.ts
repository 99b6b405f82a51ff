// A message's direction, for the widget and the console alike: the script most of its letters
// are in (Arabic/Hebrew → rtl, Latin → ltr), so "PS-10234، هنوز نرسیده" is right to left; with
// neither (Western digits, emoji) or a tie, the conversation's own direction. Tiny on purpose
// (the widget's budget): Persian and Arabic digits count with their script.
export function textDir(text: string, rtl: boolean): 'rtl' | 'ltr' {
  const r = (text.match(/[\p{sc=Arab}\p{sc=Hebr}]/gu) || []).length - (text.match(/\p{sc=Latn}/gu) || []).length;
  return r > 0 || (!r && rtl) ? 'rtl' : 'ltr';
}
