// What Porsan's mails say. Visitors get theirs in the conversation's language; agents' notices
// are in Persian and English (the console's two languages).
import type { Locale } from '../../protocol/index.ts';

const VISITOR = {
  transcriptSubject: { fa: 'متن گفتگوی شما', ar: 'نص محادثتك', en: 'Your conversation transcript' },
  transcriptIntro: { fa: 'متن گفتگوی شما با ما:', ar: 'نص محادثتك معنا:', en: 'Here is your conversation with us:' },
  replySubject: { fa: 'پاسخ به پیام شما (کد پیگیری {code})', ar: 'رد على رسالتك (رمز المتابعة {code})', en: 'A reply to your message (tracking code {code})' },
  replyIntro: { fa: '{name} به پیامی که گذاشته بودید پاسخ داد:', ar: 'رد {name} على الرسالة التي تركتها:', en: '{name} replied to the message you left:' },
  replyOutro: {
    fa: 'این پاسخ را با کد پیگیری {code} در گفتگوی سایت هم می‌بینید.',
    ar: 'يمكنك أيضًا رؤية هذا الرد في المحادثة على موقعنا باستخدام رمز المتابعة {code}.',
    en: 'You can also see it in the chat on our site with the tracking code {code}.',
  },
} satisfies Record<string, Record<Locale, string>>;

export function visitorText(key: keyof typeof VISITOR, locale: Locale, vars: Record<string, string> = {}): string {
  return VISITOR[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** The notice agents get for a new left message while they are offline. */
export function leftMessageNotice(m: { visitorName: string; contact: string; text: string; trackingCode: string; link: string | null }): { subject: string; text: string } {
  return {
    subject: `پیام تازه از ${m.visitorName} · New message from ${m.visitorName}`,
    text: [
      `${m.visitorName} (${m.contact}) پیامی گذاشت — کد پیگیری ${m.trackingCode}:`,
      `${m.visitorName} (${m.contact}) left a message — tracking code ${m.trackingCode}:`,
      '',
      m.text,
      '',
      ...(m.link ? [`پاسخ در کنسول · Answer in the console: ${m.link}`] : ['پاسخ در کنسول، بخش پیام‌های گذاشته‌شده · Answer it in the console, under Left messages.']),
    ].join('\n'),
  };
}
