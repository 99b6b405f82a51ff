// What the bot and the system say, in the visitor's language. Knowledge-base answers are
// content; these few sentences are the product's own voice.
import type { Locale } from '../../protocol/index.ts';

const TEXT = {
  // The middle band (the widget shows its own card; this is the text for transcripts and the API).
  confirm: {
    fa: 'منظورتان این است؟ «{title}»',
    ar: 'هل تقصد هذا؟ «{title}»',
    en: 'Is this what you mean? "{title}"',
  },
  somethingElse: {
    fa: 'نه، چیز دیگری',
    ar: 'لا، شيء آخر',
    en: 'No, something else',
  },
  otherSuggestions: {
    fa: 'شاید یکی از این‌ها منظورتان باشد، یا با یک همکار ما صحبت کنید.',
    ar: 'ربما تقصد أحد هذه الأسئلة، أو يمكنك التحدث مع أحد زملائنا.',
    en: 'Maybe you meant one of these, or you can talk to a person.',
  },
  noAnswer: {
    fa: 'متأسفم، پاسخ این سؤال را پیدا نکردم. شاید یکی از این‌ها منظورتان باشد، یا با یک همکار ما صحبت کنید.',
    ar: 'عذرًا، لم أجد إجابة لهذا السؤال. ربما تقصد أحد هذه الأسئلة، أو يمكنك التحدث مع أحد زملائنا.',
    en: "Sorry, I don't know the answer to that. Maybe you meant one of these, or you can talk to a person.",
  },
  noAnswerNoSuggestions: {
    fa: 'متأسفم، پاسخ این سؤال را نمی‌دانم. می‌توانید با یک همکار ما صحبت کنید.',
    ar: 'عذرًا، لا أعرف إجابة هذا السؤال. يمكنك التحدث مع أحد زملائنا.',
    en: "Sorry, I don't know the answer to that. You can talk to a person.",
  },
  // A handoff, said once by the system from the live queue and the real settings (never by the FAQ's text).
  queuedAt: {
    fa: 'درخواست شما برای گفتگو با همکاران ما ثبت شد: نفر {position} صف هستید{eta}.',
    ar: 'تم تسجيل طلبك للتحدث مع أحد زملائنا: ترتيبك {position} في قائمة الانتظار{eta}.',
    en: "You're in the queue to talk to a person: number {position}{eta}.",
  },
  queuedEta: {
    fa: '، حدود {wait} انتظار',
    ar: '، والانتظار نحو {wait}',
    en: ', about {wait} to wait',
  },
  queuedEtaSoon: {
    fa: '، کمتر از یک دقیقه انتظار',
    ar: '، والانتظار أقل من دقيقة',
    en: ', less than a minute to wait',
  },
  unavailableAway: {
    fa: 'همکاران ما در این لحظه در دسترس نیستند. پیامتان را بگذارید تا در اولین فرصت پاسخ دهیم.',
    ar: 'زملاؤنا غير متاحين في هذه اللحظة. اترك رسالتك وسنرد عليك في أقرب وقت.',
    en: "Our team is away right now. Leave a message and we'll get back to you as soon as we can.",
  },
  unavailableClosed: {
    fa: 'الان بیرون از ساعت کاری هستیم؛ ساعت پاسخ‌گویی: {hours}. پیامتان را بگذارید تا در اولین فرصت پاسخ دهیم.',
    ar: 'نحن الآن خارج ساعات العمل؛ نرد {hours}. اترك رسالتك وسنرد عليك في أقرب وقت.',
    en: "We're outside our hours now; we answer {hours}. Leave a message and we'll get back to you as soon as we can.",
  },
  unavailableNobodyOnline: {
    fa: 'در حال حاضر هیچ‌یک از همکاران ما آنلاین نیستند. پیامتان را بگذارید تا در اولین فرصت پاسخ دهیم.',
    ar: 'لا أحد من زملائنا متصل الآن. اترك رسالتك وسنرد عليك في أقرب وقت.',
    en: "No one from our team is online right now. Leave a message and we'll get back to you as soon as we can.",
  },
  assigned: {
    fa: '{name} به گفتگو پیوست.',
    ar: 'انضم {name} إلى المحادثة.',
    en: '{name} joined the conversation.',
  },
  closedByVisitor: {
    fa: 'گفتگو را به پایان رساندید.',
    ar: 'لقد أنهيت المحادثة.',
    en: 'You ended the conversation.',
  },
  closedByAgent: {
    fa: '{name} گفتگو را به پایان رساند.',
    ar: 'أنهى {name} المحادثة.',
    en: '{name} ended the conversation.',
  },
  rateLimited: {
    fa: 'در این لحظه درخواست‌های زیادی از شبکه شما رسیده است. لطفاً چند دقیقه دیگر دوباره بخواهید که با یک همکار ما صحبت کنید.',
    ar: 'وصلتنا طلبات كثيرة من شبكتك في هذه اللحظة. يرجى طلب التحدث مع أحد زملائنا مرة أخرى بعد بضع دقائق.',
    en: 'We are getting a lot of requests from your network right now. Please ask for a person again in a few minutes.',
  },
  ticket: {
    fa: 'پیام شما ثبت شد. کد پیگیری: {code}. پاسخ ما را همین‌جا خواهید دید.',
    ar: 'تم تسجيل رسالتك. رمز المتابعة: {code}. سترى ردنا هنا.',
    en: "Your message has been received. Tracking code: {code}. You'll see our answer here.",
  },
  transferred: {
    fa: 'گفتگو به {name} سپرده شد.',
    ar: 'تم تحويل المحادثة إلى {name}.',
    en: 'The conversation was transferred to {name}.',
  },
  released: {
    fa: 'گفتگو به صف برگشت؛ همکار دیگری به‌زودی پاسخ می‌دهد.',
    ar: 'عادت المحادثة إلى قائمة الانتظار؛ سيرد عليك زميل آخر قريبًا.',
    en: "You're back in the queue; another member of our team will be with you shortly.",
  },
  releasedOffline: {
    fa: 'ارتباط همکار ما قطع شد. گفتگو به صف برگشت و همکار دیگری به‌زودی پاسخ می‌دهد.',
    ar: 'انقطع اتصال زميلنا. عادت المحادثة إلى قائمة الانتظار وسيرد عليك زميل آخر قريبًا.',
    en: 'Our team member got disconnected. You are back in the queue; someone else will be with you shortly.',
  },
  rated: {
    fa: 'امتیاز شما: {score} از ۵. سپاس!',
    ar: 'تقييمك: {score} من 5. شكرًا لك!',
    en: 'You rated this conversation {score}/5. Thank you!',
  },
} satisfies Record<string, Record<Locale, string>>;

export type BotTextKey = keyof typeof TEXT;

export function botText(key: BotTextKey, locale: Locale, vars: Record<string, string | number> = {}): string {
  return TEXT[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
