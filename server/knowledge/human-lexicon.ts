// Words of a request for a person, by role, in Persian, Arabic (MSA and the main dialects) and
// English, plus the Latin-letter forms people type: Finglish and Arabizi. General language, no KB
// vocabulary. Written in natural spelling; folded to canonical letters at load.
import { foldLexicon as fold } from './lexicon.ts';

export type HumanRole =
  | 'person' // someone who works there: agent, operator, colleague, expert …
  | 'someone' // an indefinite person: someone, anyone, یکی, کسی, حد …
  | 'team' // a department: support, customer service, sales …
  | 'talk' // talk, speak, chat (present / infinitive forms)
  | 'connect' // connect, transfer, put through, hand over (to a person)
  | 'reply' // answer, reply, take over (by a person)
  | 'available' // online, available, around, awake
  | 'there' // is there / there is (weak: only with an indefinite person or "now")
  | 'now'
  | 'want' // want, need, would like, please, let me, get me (asking for something)
  | 'can' // can, could, may (asking only together with talk / connect)
  | 'real' // real, live, human (a real person)
  | 'bot' // the bot itself
  | 'frustrated' // useless, tired of …
  | 'neg' // negation
  | 'noNeed' // no need, not needed: the request is declined
  | 'past' // past contact or report: talked, spoke, said, told
  | 'other' // else, another, second: a third party
  | 'hiring' // jobs, hiring, become one
  | 'thanks' // thanks: a short message thanking someone calls for no one
  | 'plain'; // no role: an inflected form that would otherwise be read as a role word

type Lists = Partial<Record<HumanRole, string>>;

const EN: Lists = {
  person: 'human humans person persons people agent agents operator operators representative representatives rep reps staff staffer employee employees colleague colleagues supervisor supervisors manager managers specialist specialists expert experts advisor advisors adviser advisers consultant consultants receptionist receptionists',
  someone: 'someone somebody anyone anybody',
  team: 'support service care sales team helpdesk desk department dept',
  talk: 'talk talking speak speaking chat chatting converse discuss',
  connect: 'connect transfer put pass forward escalate redirect route hand handover takeover',
  reply: 'answer reply respond help',
  available: 'online available around awake free live active',
  there: 'there here',
  now: 'now rn currently',
  want: 'want wanna need needed like prefer please pls plz request require get give lemme',
  can: 'can could may might possible',
  real: 'real actual live human',
  bot: 'bot bots robot machine automated ai chatbot automatic',
  frustrated: 'useless stupid dumb pointless annoying terrible ridiculous enough tired',
  neg: 'not no dont doesnt never nah nope without',
  noNeed: 'needed',
  past: 'talked spoke spoken chatted called contacted said told promised mentioned explained helped',
  other: 'else another other second additional extra',
  hiring: 'hiring hire job jobs career careers vacancy vacancies become apply recruiting resume cv',
  thanks: 'thanks thank thx ty cheers',
};

// Arabic written in Latin letters and digits (3 = ع, 7 = ح, 2 = ء)
const ARABIZI: Lists = {
  person: 'mowazaf mowazzaf muwazaf mwazaf mowazaf mowazafa insan ensan shakhs mas2ool mas2oul masool moshref mushrif modeer mudir momathel',
  someone: '7ad 7ada 7adda ahad a7ad wa7ed wahed',
  talk: 'akalem akallem akalim kalem kallem a7ki e7ki ahki atkalam atkallam net7adath at7adath nehki',
  connect: '7awelni hawelni 7awlni wasselni waselni wassalni',
  reply: 'yrod yerod yjaweb',
  want: 'ebghi abghi abi abgha 3ayez 3ayz 3awez ayez 3awz bade badi biddi baddi bedi 7abeb mo7taj',
};

// Persian written in Latin letters
const FINGLISH: Lists = {
  person: 'operator operatore karshenas karshenasi karshenase poshtiban adam ensan hamkar hamkaretoon hamkaratoon modir moshaver namayande',
  someone: 'yeki kasi nafar',
  team: 'poshtibani',
  talk: 'sohbat harf goftegoo',
  connect: 'vasl vaslam vasl montaghel enteghal',
  reply: 'javab javabamo javabam',
  available: 'anlain onlain',
  there: 'hast hastid hastin hastan',
  now: 'alan',
  want: 'mikham mikhaam mikhastam mikhastim lotfan lotfa',
  can: 'mishe mitoonam mitunam',
  real: 'vaghei vaqei vaghei',
  neg: 'nemikham na',
  noNeed: 'lazem niazi',
  past: 'kardam zadam',
};

const FA: Lists = {
  person: 'اپراتور اوپراتور کارشناس پشتیبان همکار نماینده مشاور سرپرست مدیر مسئول متخصص آدم انسان شخص فرد کارمند منشی پذیرش',
  someone: 'یکی کسی نفر',
  team: 'پشتیبانی خدمات فروش واحد بخش',
  talk: 'صحبت حرف چت گفتگو گفتوگو گپ مکالمه',
  connect: 'وصل وصلم متصل منتقل انتقال ارجاع بفرستید بفرست بفرستین ارتباط',
  plain: 'بفرستم بفرستیم',
  reply: 'جواب جوابمو جوابم پاسخ رسیدگی',
  available: 'آنلاین انلاین اونلاین دسترس بیدار حاضر',
  there: 'هست هستن هستند هستید هستین هس',
  now: 'الان الآن فعلا همین',
  want: 'میخوام میخواهم میخواستم میخام میخاستم میخوایم میخواستیم میخواهیم لطفا لطفاً خواهشا خواهش بدید بدین بدهید لازم',
  can: 'میشه ممکنه امکان امکانش میتونم میتوانم میشود',
  real: 'واقعی زنده انسانی',
  bot: 'ربات روبات بات رباتی ماشین خودکار',
  frustrated: 'خسته بیفایده مسخره کلافه',
  neg: 'نه نمیخوام نمیخواهم نمیخام نخیر نمیخواد',
  noNeed: 'نیازی',
  past: 'کردم زدم کردیم زدیم گرفتم گفت گفتن گفتند گفته کرده',
  other: 'دیگه دیگر دیگری دوم',
  hiring: 'استخدام استخدامی نیرو شغل بشم رزومه',
  thanks: 'ممنون مرسی متشکرم سپاس سپاسگزارم تشکر',
};

const AR: Lists = {
  person: 'موظف موظفة موظفين موظفه انسان إنسان بشر شخص ممثل وكيل مختص متخصص مشرف مدير مسؤول مسوول مستشار خبير ادمي آدمي آدم الاستقبال',
  someone: 'احد أحد حد حدا حدى',
  plain: 'واحد',
  team: 'خدمة خدمه الدعم دعم قسم المبيعات مبيعات العملاء الزبائن',
  talk: 'تحدث اتحدث أتحدث التحدث نتحدث يتحدث احكي أحكي نحكي يحكي احچي احجي اكلم أكلم نكلم يكلم يكلمني كلمني تكلمني اتكلم أتكلم نتكلم يتكلم محادثة المحادثة دردشة الدردشة ادردش نهضر نهدر نتواصل اتواصل أتواصل التواصل',
  connect: 'حولني حولوني تحولني تحويل تحويلي حول وصلني وصلوني توصلني اوصل',
  reply: 'يرد يردلي يجاوب يجاوبني يجاوبنی يساعدني يكلمني',
  available: 'متاح متاحة متاحين متواجد متواجدين اونلاين اونلاين',
  there: 'موجود يوجد فيه في كاين كاينة هناك',
  now: 'الآن الان هلق هلأ هلا دابا الحين حاليا حالا هسه هسا دلوقتي',
  want: 'اريد أريد ابغى ابغي ابي أبي بدي عايز عاوز عايزه عاوزه بغيت حاب حابب محتاج احتاج أحتاج ارجو أرجو رجاء سمحت فضلك خليني ودي اطلب أطلب',
  can: 'ممكن يمكن يمكنني اقدر أقدر تقدر',
  real: 'حقيقي حقيقيه بشري',
  bot: 'روبوت بوت الي آلي الية آلية الالية الآلية',
  frustrated: 'تعبت زهقت غبي فايدة',
  neg: 'ما مش مو لا ليس مابغيتش مابدي ماابغى ماابي مب',
  noNeed: 'داعي',
  past: 'كلمت تكلمت حكيت تواصلت اتصلت تحدثت كلمنا قال قالي قالولي قالوا كال قلي',
  other: 'ثاني تاني آخر اخر ثانية',
  hiring: 'استخدام توظيف وظيفة وظائف اصير أصير',
  thanks: 'شكرا شكراً مشكور متشكر',
};

function compile(...lists: Lists[]): Map<string, Set<HumanRole>> {
  const m = new Map<string, Set<HumanRole>>();
  for (const l of lists) {
    for (const [role, words] of Object.entries(l) as Array<[HumanRole, string]>) {
      for (const w of words.split(/\s+/).filter(Boolean).map(fold)) {
        let s = m.get(w);
        if (!s) { s = new Set(); m.set(w, s); }
        s.add(role);
      }
    }
  }
  return m;
}

/** Word → roles, for Arabic-script Persian, Arabic, and Latin letters (English, Finglish, Arabizi). */
export const HUMAN_WORDS = {
  fa: compile(FA),
  ar: compile(AR),
  latin: compile(EN, FINGLISH, ARABIZI),
};

/** Two-word expressions that play one role (after folding), e.g. "put me through", "کار دارم". */
export const HUMAN_PHRASES: Array<[RegExp, HumanRole]> = [
  [/\b(?:would|d) like\b/g, 'want'],
  [/\blet me\b/g, 'want'],
  [/\b(?:get|give|find) me\b/g, 'want'],
  [/\bput me (?:through|on)\b/g, 'connect'],
  [/\bhand me\b|\bpass me\b|\btake over\b|\bhand (?:it|this|me) over\b/g, 'connect'],
  [/\bno need\b|\bnot needed\b|\bdon ?t need\b|\bdo not need\b|\bnever ?mind\b/g, 'noNeed'],
  [/\bcustomer (?:service|support|care)\b|\btech(?:nical)? support\b|\bcall cent(?:er|re)\b/g, 'team'],
  [/(?:^| )(?:کار|نیاز) (?:دارم|داشتم|داریم)(?= |$)/g, 'want'],
  [/(?:^| )لازم (?:نیست|ندارم)(?= |$)/g, 'noNeed'],
  [/(?:^| )در دسترس(?= |$)/g, 'available'],
  [/(?:^| )(?:lazem nist|niazi nist)(?= |$)/g, 'noNeed'],
  [/(?:^| )(?:لا|ما|مش|مو) (?:داعي|محتاج|احتاج|بحاجه)(?= |$)/g, 'noNeed'],
  [/(?:^| )(?:اون|أون) لاين(?= |$)/g, 'available'],
  // واحد is "one" ("in one day"); "someone" only as شي واحد, أي واحد, في واحد, واحد من …
  [/(?:^| )(?:شي|شی|اي|ای|في|فی|فيه|فیه|كاين|کاین) واحد(?= |$)/g, 'someone'],
  [/(?:^| )واحد (?=من )/g, 'someone'],
];
