// A small general thesaurus of customer-service vocabulary (shopping, delivery, payment,
// accounts, support, repairs) in fa / ar / en. Query terms are expanded with the other
// members of their group at a reduced weight, so "fix" finds "repair" and "شکایت" finds
// "اعتراض". Groups are ordinary near-synonyms of everyday language, not phrases of any KB.
// Multi-word expressions (English) are rewritten to a single word before analysis.
import type { Locale } from '../../protocol/index.ts';
import { lexiconLines } from './lexicon-files.ts';

export const SYNONYM_GROUPS: Record<Locale, string[]> = {
  en: [
    'buy purchase bought order',
    'repair fix fixed mend service technician',
    'broken faulty defective malfunction malfunctioning dead',
    'damaged damage crushed dented smashed squashed wet torn',
    'return returned returning',
    'refund reimburse reimbursement refunded',
    'money payment amount funds cash',
    'price cost fee charge rate expensive costly',
    'cheaper lower less',
    'ship shipping deliver delivery dispatch courier post',
    'arrive arrival reach come',
    'cancel cancellation abort',
    'change modify edit update alter',
    'address destination location',
    'phone telephone call mobile hotline',
    'contact reach',
    'hours open opening close closing schedule',
    'account profile',
    'login signin logon',
    'password passcode pin',
    'invoice receipt bill',
    'complaint complain grievance',
    'track tracking status stage progress',
    'warranty guarantee guaranteed',
    'install installation setup mount',
    'available availability stock',
    'discount coupon promo voucher',
    'installment installments financing',
    'shop store branch outlet showroom',
    'pickup collect',
    'manual guide instructions handbook',
    'error failed failure declined',
    'company business corporate organization firm',
    'replace replacement exchange swap',
    'free complimentary',
    'unsubscribe optout',
    'privacy personal data',
    'agent operator representative human person',
    'customer client',
    'product item goods',
    'appliance device machine',
    'weeks week',
    'days day',
    'duration time long',
    'abroad international internationally overseas foreign worldwide country countries',
    'gift present',
    'wrap wrapping giftwrap',
    'parcel package box shipment',
    'question ask inquiry',
    'stolen theft stole lost',
    'worried concern',
  ],
  fa: [
    'خرید خریدن خریداری',
    'تعمیر تعمیرات درست رفع',
    'خراب معیوب ایراد نقص',
    'آسیب آسیبدیده له شکسته ضربه',
    'مرجوع مرجوعی برگشت برگرداندن پس',
    'پول مبلغ وجه',
    'قیمت هزینه نرخ بها',
    'ارسال فرستادن پست پیک',
    'لغو کنسل انصراف',
    'تغییر عوض ویرایش اصلاح',
    'آدرس نشانی مقصد',
    'تلفن شماره موبایل',
    'حساب اکانت پروفایل',
    'رمز پسورد گذرواژه',
    'فاکتور صورتحساب',
    'شکایت اعتراض نارضایتی',
    'پیگیری وضعیت',
    'گارانتی ضمانت',
    'نصب راهاندازی',
    'تخفیف کوپن',
    'قسط اقساط قسطی',
    'فروشگاه شعبه مغازه',
    'دفترچه راهنما',
    'خطا ناموفق',
    'شرکت سازمان',
    'تعویض جایگزین',
    'رایگان مجانی',
    'اطلاعات داده',
    'کارشناس اپراتور پشتیبان',
    'دستگاه کالا محصول',
    'کادو هدیه',
    'بسته مرسوله جعبه کارتن',
    'خارج بینالمللی',
  ],
  ar: [
    'شراء اشتريت اشترى',
    'اصلاح تصليح صيانة',
    'عطل معطل تالف خربان خرب',
    'تلف متضرر مكسور',
    'ارجاع استرجاع ارجع',
    'استرداد استرجاع',
    'المال المبلغ فلوس نقود',
    'سعر تكلفة رسوم ثمن',
    'شحن توصيل ارسال',
    'الغاء',
    'تغيير تعديل',
    'عنوان',
    'هاتف جوال تلفون موبايل',
    'ساعات دوام اوقات مواعيد',
    'كلمة السر المرور',
    'فاتورة ايصال',
    'شكوى اعتراض',
    'تتبع متابعة حالة',
    'ضمان كفالة',
    'تركيب تثبيت',
    'متوفر متاح مخزون',
    'خصم كوبون قسيمة',
    'تقسيط اقساط',
    'متجر فرع محل معرض',
    'بطاقة كارت',
    'فشل خطا',
    'استبدال تبديل',
    'مجاني مجانا',
    'جهاز منتج',
    'هدية',
    'طرد شحنة علبة كرتون',
    'دولي الخارج خارج',
  ],
};

/** English multi-word expressions → one word (applied to canonical lower-case text). */
export const EN_PHRASES: Array<[RegExp, string]> = [
  [/\bsend(?:ing|s)? (?:it |them |this |that )?back\b/g, ' return '],
  [/\bbring(?:ing|s)? (?:it |them )?back\b/g, ' return '],
  [/\bgive (?:it |them )?back\b/g, ' return '],
  [/\bmoney back\b/g, ' refund '],
  [/\bpick(?:ing|ed)? (?:it |them )?up\b/g, ' pickup '],
  [/\bsign(?:ing)? in\b|\blog(?:ging)? in\b/g, ' login '],
  [/\bsign(?:ing)? up\b/g, ' register '],
  [/\bset(?:ting)? (?:it |them )?up\b/g, ' setup '],
  [/\b(?:not|isnt|doesnt|dont|wont|didnt|never|stopped) (?:working|work|works|turn(?:ing)? on|switch(?:ing)? on|start(?:ing)?|power(?:ing)? on)\b/g, ' faulty '],
  [/\bstopped (?:\w+ing)\b/g, ' faulty '],
  [/\bcustomer (?:service|support|care)\b/g, ' support '],
  [/\bhow much\b/g, ' price '],
  [/\bhow long\b/g, ' duration '],
  [/\bin stock\b/g, ' stock '],
  [/\bout of stock\b/g, ' unavailable stock '],
  [/\bcash on delivery\b/g, ' cash delivery '],
];

/**
 * Small talk and pleasantries, removed before matching (written in canonical letters:
 * ی ک ا ه). A message that is only small talk then has no terms and gets "none".
 */
export const SMALL_TALK: Record<Locale, RegExp[]> = {
  en: [
    /\bhow (?:are|r) (?:you|u|ya)(?: doing| today)?\b/g,
    /\bhows it going\b|\bhow is it going\b|\bhow do you do\b|\bwhats up\b|\bhope (?:you are|youre|ur) (?:well|doing well|good)\b/g,
    /\bgood (?:morning|afternoon|evening|day)\b|\bhave a (?:nice|good) day\b|\bthanks? (?:a lot|so much)\b/g,
  ],
  fa: [
    /(?:^|\s)(?:حالت|حالتون|حالتان|حال شما) (?:چطوره|چطور است|خوبه)(?=\s|$)/g,
    /(?:^|\s)(?:خوبی|خوبین|خوبید|چه خبر|خسته نباشید|وقت بخیر|وقتتون بخیر|روز بخیر|خداحافظ|خدانگهدار|دمت گرم|قربونت)(?=\s|$)/g,
  ],
  ar: [
    /(?:^|\s)(?:کیف|شلون|ازای|ایش) (?:حالک|حالکم|الحال|اخبارک|صحتک)(?: الیوم)?(?=\s|$)/g,
    /(?:^|\s)(?:شلونک|کیفک|اخبارک|صباح الخیر|مساء الخیر|صباح النور|مساء النور|یعطیک العافیه|مع السلامه|الحمد لله)(?=\s|$)/g,
  ],
};

/**
 * Persian / Arabic multi-word expressions → one word (canonical letters, ZWNJ removed):
 * "doesn't work / won't turn on / stopped cooling" → broken, "give back" → return.
 */
export const FA_PHRASES: Array<[RegExp, string]> = [
  [/(?:^|\s)(?:روشن|کار|خنک|گرم|شارژ|باز|وصل)\s+(?:نمیشود|نمیشه|نمیکند|نمیکنه|نشد|نشده|نمیشد|نمیکرد|نمیده|نمیدهد)(?=\s|$)/g, ' خراب '],
  [/(?:^|\s)(?:از کار افتاده|از کار افتاد|خراب شده|خراب شد|ایراد دارد|ایراد داره|مشکل دارد|مشکل داره)(?=\s|$)/g, ' خراب '],
  [/(?:^|\s)(?:پس|برگشت)\s+(?:بدهم|بدم|بدیم|بدهیم|بفرستم|بدهید|میدهم|میدم|بزنم)(?=\s|$)/g, ' مرجوع '],
  [/(?:^|\s)(?:برگردانم|برگردونم|برگردانیم|برگردونیم|پسش بدم|پسش بدهم)(?=\s|$)/g, ' مرجوع '],
];

export const AR_PHRASES: Array<[RegExp, string]> = [
  [/(?:^|\s)(?:لا|ما|مش|لم|لن)\s+(?:یعمل|تعمل|یشتغل|تشتغل|یشتغلش|تشتغلش|یسخن|تسخن|یبرد|تبرد|یشحن|تشحن|یدور|تدور|یشتغل|یفتح|تفتح|یعملش|تعملش|تشتغل)(?=\s|$)/g, ' عطل '],
  [/(?:^|\s)توقفت?\s+عن\s+(?:العمل|التبرید|الدوران|التسخین|الشحن)(?=\s|$)/g, ' عطل '],
  [/(?:^|\s)(?:خربت|خرب|خربان|خربانه|معطل|معطله|بایظ|بایظه|بایز)(?=\s|$)/g, ' عطل '],
];

/** The groups above plus the general near-synonym lists in `lexicon/synonyms-<locale>.txt`. */
export const ALL_SYNONYM_GROUPS: Record<Locale, string[]> = {
  fa: [...SYNONYM_GROUPS.fa, ...lexiconLines('synonyms-fa.txt')],
  ar: [...SYNONYM_GROUPS.ar, ...lexiconLines('synonyms-ar.txt')],
  en: [...SYNONYM_GROUPS.en, ...lexiconLines('synonyms-en.txt')],
};
