// The satisfaction survey by mail: when an email conversation is closed as resolved, the customer
// gets a link to rate it. The link is signed (HMAC-SHA256 under a secret kept in the database, so
// every node checks it alike) and works once: the conversation takes one rating.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../../protocol/index.ts';
import type { Store } from '../store/index.ts';

const SECRET_KEY = 'email.surveySecret';

export type SurveyKind = 'csat' | 'nps';

export class SurveyLinks {
  private secret: Buffer | null = null;
  constructor(private readonly store: Store) {}

  private async key(): Promise<Buffer> {
    if (this.secret) return this.secret;
    let hex = await this.store.settings.get<string>(SECRET_KEY);
    if (!hex) {
      await this.store.db.insertInto('settings').values({ key: SECRET_KEY, value: JSON.stringify(randomBytes(32).toString('hex')) }).onConflict((oc) => oc.column('key').doNothing()).execute();
      hex = await this.store.settings.get<string>(SECRET_KEY);
    }
    this.secret = Buffer.from(hex!, 'hex');
    return this.secret;
  }

  /** One signature per conversation and question: a CSAT link does not open the NPS question. */
  async sign(conversationId: string, kind: SurveyKind): Promise<string> {
    return createHmac('sha256', await this.key()).update(`${kind}:${conversationId}`).digest('base64url');
  }

  async valid(conversationId: string, kind: SurveyKind, sig: string): Promise<boolean> {
    const want = Buffer.from(await this.sign(conversationId, kind));
    const got = Buffer.from(sig);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  async url(origin: string, conversationId: string, kind: SurveyKind): Promise<string> {
    return `${origin}/survey/${encodeURIComponent(conversationId)}${kind === 'nps' ? '/nps' : ''}?sig=${await this.sign(conversationId, kind)}`;
  }
}

const TEXT = {
  subject: { fa: 'نظر شما درباره‌ی پاسخ ما', ar: 'رأيك في ردّنا', en: 'How did we do?' },
  body: {
    fa: 'گفتگوی شما با ما بسته شد. چقدر از پاسخ راضی بودید؟ با یک کلیک بگویید:',
    ar: 'أُغلقت محادثتك معنا. ما مدى رضاك عن الرد؟ أخبرنا بنقرة واحدة:',
    en: 'Your conversation with us has been closed. How satisfied were you with our answer? Tell us in one click:',
  },
  question: { fa: 'چقدر از پاسخ ما راضی بودید؟', ar: 'ما مدى رضاك عن ردّنا؟', en: 'How satisfied were you with our answer?' },
  npsBody: {
    fa: 'و اگر یک دقیقه وقت دارید: چقدر احتمال دارد ما را به دوستان‌تان پیشنهاد کنید؟',
    ar: 'وإن كان لديك دقيقة: ما مدى احتمال أن توصي بنا لأصدقائك؟',
    en: 'And if you have a minute: how likely are you to recommend us to a friend?',
  },
  npsQuestion: { fa: 'چقدر احتمال دارد ما را به دیگران پیشنهاد کنید؟', ar: 'ما مدى احتمال أن توصي بنا؟', en: 'How likely are you to recommend us?' },
  npsScale: { fa: '۰ یعنی اصلاً، ۱۰ یعنی حتماً', ar: '0 تعني أبدًا، و10 تعني بالتأكيد', en: '0 means not at all, 10 means certainly' },
  comment: { fa: 'توضیح (اختیاری)', ar: 'تعليق (اختياري)', en: 'Comment (optional)' },
  thanks: { fa: 'سپاس! نظر شما ثبت شد.', ar: 'شكرًا! سُجّل رأيك.', en: 'Thank you! Your rating has been recorded.' },
  used: { fa: 'این نظرسنجی پیش‌تر پاسخ داده شده است.', ar: 'تمت الإجابة عن هذا الاستبيان من قبل.', en: 'This survey has already been answered.' },
  invalid: { fa: 'این پیوند معتبر نیست.', ar: 'هذا الرابط غير صالح.', en: 'This link is not valid.' },
  send: { fa: 'ثبت', ar: 'إرسال', en: 'Send' },
} satisfies Record<string, Record<Locale, string>>;

export function surveyText(key: keyof typeof TEXT, locale: Locale): string {
  return TEXT[key][locale];
}
