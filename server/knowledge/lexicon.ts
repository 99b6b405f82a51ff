// General linguistic resources for fa / ar / en: stop words, colloquial → standard forms,
// texting abbreviations, a Finglish (Persian in Latin letters) transliteration table and
// words that signal a request for a human. None of this is tied to a particular knowledge base.
// Entries are written in natural spelling; they are folded to the canonical character form
// (see canonicalChars) when this module loads, so ي/ی, ك/ک, أ/ا etc. don't matter here.

// NOTE: imported lazily by normalize.ts; to avoid an import cycle the canonical folding is
// duplicated in a tiny form here (same rules as canonicalChars for the letters used below).
import { lexiconColumns, lexiconLines, lexiconPairs } from './lexicon-files.ts';

function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\u200C/g, '')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[يىئ]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/[ةۀ]/g, 'ه')
    .replace(/ء/g, '')
    .toLowerCase();
}

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map(fold));
}

function table(pairs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairs)) {
    for (const key of k.split('|')) out[fold(key)] = fold(v);
  }
  return out;
}

// ---------------------------------------------------------------- stop words

export const FA_STOP = set(`
و در به از که این آن را با است برای یک تا هم یا اما ولی اگر من ما شما او آنها ایشان تو
بر های ها می نمی هست هستم هستیم هستند بود بودم بودند شد شده شدم شدن باشد باشم باشید
خود خودم خودش همه نیز پس چون اینکه آیا سلام درود لطفا لطفاً ممنون مرسی متشکرم خیلی
یه رو اون دیگه الان ای ام اش ات هایی ی را،
بنده جان عزیز خسته نباشید وقت بخیر روز شب صبح ظهر
کنم کنید کند کنیم کنند کرد کردم کردن کرده کردید بکنم بکنید
دارم دارید دارد داریم دارند داشتم داشته
میشود میشه شود بشود
چیزی یعنی حتی فقط واقعا راستش ببخشید مثلا
امروز دیروز فردا دیشب حالا الان حدود تقریبا قبلش بعدش اصلا اصلاً کلی یکم کمی شاید فکر واقعاً
باید چه میخواهم میخواهی میخواهد میخواهیم میخواهید میخواهند میخواستم خواستم
بدهم بدهید بدهد بدهیم بدهند بدم بدید بدین بگیرم بگیرید بزنم بزنید زدم زده
`);

export const AR_STOP = set(`
في من على الى إلى عن مع هل ما ماذا هذا هذه ذلك تلك التي الذي الذين هو هي هم انا أنا نحن انت أنت انتم
و او أو ثم لا لم لن ان أن إن كان كانت يكون تكون قد لقد كل بعض اي أي عند لدي لدى لي لك له لها
مرحبا اهلا أهلا السلام عليكم شكرا شكراً لو سمحت من فضلك رجاء الرجاء يا اخي أخي
مش مو بس يعني هيك شي شيء ايه اللي الي عم رح راح حتى فقط جدا كتير كثير
ممكن يمكن يمكنني يمكنك استطيع أستطيع
امس أمس غدا حاليا ربما فعلا تقريبا أيضا ايضا لكن لكنه ولكن بالضبط طيب والله الحمد لله
اريد أريد نريد تريد يريد
`);

export const EN_STOP = set(`
a an the and or but if of to in on at by for with from as is are was were be been being am
i me my mine we us our you your yours he him his she her it its they them their this that these those
do does did doing done have has had having will would shall should can could may might must
not no nor so than too very just only also then there here what which who whom
hi hello hey dear thanks thank please pls plz ok okay yes yeah sir madam lol
im ive id dont doesnt didnt cant cannot wont isnt arent wasnt havent hasnt
about into over again some any all each both more most other such own same
get got getting gonna wanna
ago today yesterday tomorrow now first few lot lots think thought maybe probably actually really still already
even well hope like way thing something anything anyway just ugh hmm nah yep yup guys
`);

// ---------------------------------------------------------------- colloquial → standard

/** Colloquial / spoken Persian → written forms (tokens after ZWNJ removal). */
export const FA_COLLOQUIAL = table({
  'میخوام': 'میخواهم', 'میخوای': 'میخواهی', 'میخواد': 'میخواهد', 'میخوایم': 'میخواهیم', 'میخواین|میخواید': 'میخواهید', 'میخوان': 'میخواهند',
  'نمیخوام': 'نمیخواهم', 'نمیخواد': 'نمیخواهد',
  'میتونم': 'میتوانم', 'میتونی': 'میتوانی', 'میتونه': 'میتواند', 'میتونیم': 'میتوانیم', 'میتونین|میتونید': 'میتوانید', 'میتونن': 'میتوانند',
  'نمیتونم': 'نمیتوانم', 'نمیتونه': 'نمیتواند',
  'میشه': 'میشود', 'نمیشه': 'نمیشود', 'بشه': 'بشود', 'میشن': 'میشوند',
  'میدم': 'میدهم', 'میده': 'میدهد', 'میدن': 'میدهند', 'میدین|میدید': 'میدهید', 'بدم': 'بدهم', 'بده': 'بدهد', 'بدین|بدید': 'بدهید', 'نمیده': 'نمیدهد',
  'میگه': 'میگوید', 'میگن': 'میگویند', 'میگم': 'میگویم', 'بگین|بگید': 'بگویید', 'بگم': 'بگویم',
  'میرم': 'میروم', 'میره': 'میرود', 'میرن': 'میروند', 'برم': 'بروم',
  'میاد': 'میاید', 'میان': 'میایند', 'بیاد': 'بیاید', 'نمیاد': 'نمیاید', 'بیارم': 'بیاورم', 'میارن': 'میاورند', 'میاره': 'میاورد',
  'کنه': 'کند', 'کنن': 'کنند', 'کنین': 'کنید', 'بکنه': 'بکند',
  'داره': 'دارد', 'دارن': 'دارند', 'دارین': 'دارید', 'نداره': 'ندارد', 'ندارن': 'ندارند',
  'چیه': 'چیست', 'کیه': 'کیست', 'کجاس': 'کجاست', 'چطوری|چجوری|چجور|چطو': 'چطور', 'چقد': 'چقدر', 'چن': 'چند',
  'هستش': 'هست', 'نیستش': 'نیست', 'اینو': 'این را', 'اونو': 'آن را', 'اونا': 'آنها', 'اینا': 'اینها',
  'یه': 'یک', 'یکی': 'یک', 'دیگه': 'دیگر', 'الآن': 'الان', 'واسه|واسۀ': 'برای', 'تو': 'در', 'رو': 'را',
  'باهاتون': 'با شما', 'بهتون': 'به شما', 'ازتون': 'از شما', 'براتون': 'برای شما', 'بهم': 'به من', 'برام': 'برای من', 'ازم': 'از من',
  'مرسی': 'ممنون',
  'اومد': 'آمد', 'اومده': 'آمده', 'اومدن': 'آمدند', 'نیومده': 'نیامده', 'نیومد': 'نیامد', 'بیام': 'بیایم', 'میام': 'میآیم',
  'بزارم': 'بگذارم', 'میزارم': 'میگذارم', 'بزارید|بذارید': 'بگذارید', 'میذارم': 'میگذارم', 'گذاشتین': 'گذاشتید',
  'خونه': 'خانه', 'ارزون': 'ارزان', 'ارزونتر': 'ارزانتر', 'گرون': 'گران', 'گرونتر': 'گرانتر', 'تهرون': 'تهران',
  'کدوم': 'کدام', 'کدومش': 'کدامش', 'اونجا': 'آنجا', 'اینجوری|اینطوری': 'اینطور', 'چیکار|چکار': 'چه کار',
  'بره': 'برود', 'باشه': 'باشد', 'نباشه': 'نباشد', 'میدونم': 'میدانم', 'نمیدونم': 'نمیدانم', 'بدونم': 'بدانم', 'میدونید|میدونین': 'میدانید',
  'بیارین|بیارید': 'بیاورید', 'بفرستین': 'بفرستید', 'میفرستین': 'میفرستید',
  'شدش': 'شد', 'چی': 'چه', 'چیا': 'چه چیزهایی',
  'همون': 'همان', 'اون': 'آن', 'هنوزم': 'هنوز',
});

/** Gulf / Egyptian / Levantine Arabic → Modern Standard Arabic. */
export const AR_DIALECT = table({
  'ايمتى|إيمتى|امتى|إمتى|متين|امتين': 'متى',
  'وين|فين|وينه|فينه': 'أين',
  'شلون|ازاي|إزاي|كيفاش|كيفية': 'كيف',
  'بدي|ابغى|أبغى|ابي|أبي|عايز|عاوز|عايزة|عاوزة|بغيت|حابب|ودي': 'أريد',
  'بدك|تبغى|عايزين': 'تريد',
  'شو|ايش|إيش|وش|ايه|إيه|شنو': 'ماذا',
  'ليش|ليه|لويش': 'لماذا',
  'قديش|قدي|كام|بكام|بكم|قداش': 'كم',
  'هلق|هلأ|دلوقتي|الحين|توا|هسه': 'الآن',
  'فلوس|مصاري|المصاري|الفلوس|مصريات': 'المال',
  'مافي|مفيش': 'لا يوجد',
  'اكلم|أكلم|احكي|أحكي|اتكلم|أتكلم|نحكي|نتكلم': 'أتحدث',
  'كلمني|احكيلي': 'تحدث',
  'دحين|هسا': 'الآن',
  'منيح|كويس|زين': 'جيد',
  'هاد|هادا|هذي|هاي|دي|ده': 'هذا',
  'مش|مو|مب': 'لا',
  'بس': 'فقط',
  'لسه|لسا|لسّه': 'بعد',
  'برضو|برضه': 'أيضا',
});

/** Texting abbreviations and casual spellings → standard English. */
export const EN_SLANG = table({
  u: 'you', ur: 'your', urs: 'yours', r: 'are', y: 'why', ya: 'you', yr: 'your', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thanks',
  b4: 'before', '2day': 'today', tmrw: 'tomorrow', tmr: 'tomorrow', msg: 'message', info: 'information', ppl: 'people', bc: 'because',
  cuz: 'because', coz: 'because', wanna: 'want', gonna: 'going', gotta: 'must', idk: '', asap: 'soon', rn: 'now', abt: 'about',
  whats: 'what', hows: 'how', wheres: 'where', whens: 'when', whos: 'who', im: '', ive: '', ill: '', wat: 'what', wht: 'what',
  n: 'and', w: 'with', wo: 'without', thru: 'through', nite: 'night', tho: 'though', ok: '', k: '', lol: '', omg: '', btw: '',
  pic: 'picture', pics: 'pictures', acct: 'account', addr: 'address', amt: 'amount', qty: 'quantity', pwd: 'password', pw: 'password',
  pswd: 'password', num: 'number', no: 'no', cc: 'card', yday: 'yesterday', wk: 'week', wks: 'weeks', hr: 'hour', hrs: 'hours',
  min: 'minute', mins: 'minutes', sec: 'second', mo: 'month', convo: 'conversation', diff: 'difference', dept: 'department',
  dunno: '', gimme: 'give', lemme: 'let', kinda: '', sorta: '', gotten: 'got',
});

// ---------------------------------------------------------------- Finglish

/** Frequent Persian words in their usual Latin spellings → Persian script. */
export const FINGLISH_WORDS: Record<string, string> = {
  be: 'به', ba: 'با', az: 'از', dar: 'در', ke: 'که', ro: 'را', ra: 'را', va: 'و', ya: 'یا', man: 'من', shoma: 'شما',
  in: 'این', oon: 'آن', un: 'آن', chi: 'چی', chie: 'چیست', chiye: 'چیست', key: 'کی', kei: 'کی', koja: 'کجا', kojast: 'کجاست',
  chand: 'چند', chanta: 'چند', chetor: 'چطور', chetori: 'چطور', chejoori: 'چطور', chejuri: 'چطور', mishe: 'میشود', mikham: 'میخواهم',
  hast: 'هست', nist: 'نیست', baraye: 'برای', bara: 'برای', cheghadr: 'چقدر', cheqadr: 'چقدر', cheghad: 'چقدر', chera: 'چرا',
  mitoonam: 'میتوانم', mitunam: 'میتوانم', mitonam: 'میتوانم', kheili: 'خیلی', kheyli: 'خیلی', khaili: 'خیلی', lotfan: 'لطفا',
  salam: 'سلام', mamnoon: 'ممنون', mamnun: 'ممنون', merci: 'ممنون', yek: 'یک', ye: 'یک', age: 'اگر', agar: 'اگر', ham: 'هم',
  vali: 'ولی', ama: 'اما', chon: 'چون', bayad: 'باید', darid: 'دارید', daram: 'دارم', dare: 'دارد', nadare: 'ندارد',
};


/** Common Persian words as typically written in Latin letters; a strong signal of Finglish. */
export const FINGLISH_MARKERS = new Set(`
salam chetori chetor chejoori chera chi chie chiye chand chanta chera kojast koja kojaye key kei kay kay
mikham mikhay mikhad mikhastam mishe mitoonam mitunam mitoonid mitunid mikonam mikone mikonid mikonan
mikeshe mirese miresad mide midid midam mige migan mire mibaram mikhaid bayad nabayad darid daram dare nadare
hast hastid hastam nist nistam chon vali ama agar ya ba baraye bara az be dar ke ro ra ham in oon un
man shoma ma una ina kheili khaili kheyli lotfan merci mamnoon mamnun motshakeram bebakhshid
sefaresh ersal tahvil pool pardakht kharid bargasht gharantee garanti zemanat poshtibani shomare
rooz ruz hafte mah sal saat tool kar kari chetori chikar chejuri begid begin bedid bedin konam konid
kardam kardid shode shod mishan mishe mikonin mitunin mitonam mitoonam
`.split(/\s+/).filter(Boolean));

/** Latin digraphs / letters → Persian letters (default choice for ambiguous sounds). */
export const FINGLISH_DIGRAPHS: Array<[string, string]> = [
  ['kh', 'خ'], ['sh', 'ش'], ['ch', 'چ'], ['gh', 'ق'], ['zh', 'ژ'], ['oo', 'و'], ['ou', 'و'], ['ee', 'ی'], ['ei', 'ی'], ['ey', 'ی'], ['aa', 'ا'],
];
export const FINGLISH_LETTERS: Record<string, string> = {
  b: 'ب', p: 'پ', t: 'ت', s: 'س', j: 'ج', h: 'ه', d: 'د', z: 'ز', r: 'ر', f: 'ف', k: 'ک', g: 'گ', l: 'ل', m: 'م', n: 'ن',
  v: 'و', w: 'و', y: 'ی', q: 'ق', x: 'کس', c: 'ک', i: 'ی', u: 'و',
};

// ---------------------------------------------------------------- asking for a human

/**
 * A request for a person = a "person" word together with a contact verb, or an explicit
 * rejection of the bot. Words are matched on canonical tokens (prefix match for verbs, so
 * inflections work).
 */
export const HUMAN_NOUNS = {
  en: set('human humans person persons people agent agents operator operators representative rep staff someone somebody employee live real receptionist receptionists reception'),
  fa: set('اپراتور اپراتورها کارشناس کارشناسان پشتیبان آدم انسان شخص فرد نیروی انسانی همکار همکارتان همکارانتان مسئول پذیرش منشی'),
  ar: set('موظف موظفين موظفا الموظف انسان إنسان شخص بشر ادمي آدمي آدم وكيل ممثل عامل احد أحد حد مسؤول المسؤول الاستقبال موظفة'),
};
export const HUMAN_VERBS = {
  en: ['talk', 'speak', 'chat', 'connect', 'transfer', 'put me through', 'reach', 'want', 'need', 'get me', 'escalat'],
  fa: ['صحبت', 'حرف', 'وصل', 'گفتگو', 'گفتوگو', 'ارتباط', 'میخواهم', 'میخوام', 'بزنم', 'منتقل', 'ارجاع'],
  ar: ['تحدث', 'اتحدث', 'أتحدث', 'التحدث', 'كلم', 'اكلم', 'تكلم', 'احكي', 'حول', 'وصلني', 'وصلوني', 'اوصل', 'تواصل', 'اريد', 'أريد', 'بدي', 'عايز', 'ابغى', 'محادثه'],
};
/** Words for the bot itself; "not a bot" style messages are human requests too. */
export const BOT_WORDS = {
  en: set('bot robot machine automated ai chatbot'),
  fa: set('ربات روبات بات رباته ماشین'),
  ar: set('روبوت بوت الي آلي الة آلة الروبوت البوت'),
};
export const NEGATIONS = {
  en: set('not no nor instead'),
  fa: set('نه نمی نمیخواهم نمیخوام بجای جای غیر'),
  ar: set('مش لا مو ليس مب غير بدل بدون'),
};
export const HUMAN_REAL = {
  en: set('real actual live human'),
  fa: set('واقعی زنده انسانی'),
  ar: set('حقيقي حقيقيه بشري'),
};

export { fold as foldLexicon };

// ---------------------------------------------------------------- wider general lists (lexicon/*.txt)

/**
 * The built-in tables above extended with the general lists in `lexicon/` (the built-in forms win
 * where both have a word). Used for analysis; language inference keeps to the built-in tables.
 */
export const FA_COLLOQUIAL_WIDE: Record<string, string> = { ...countries(1, 'کشور'), ...table(lexiconPairs('colloquial-fa.txt')), ...FA_COLLOQUIAL };
export const AR_DIALECT_WIDE: Record<string, string> = { ...countries(2, 'دولة'), ...table(lexiconPairs('dialect-ar.txt')), ...AR_DIALECT };
export const EN_SLANG_WIDE: Record<string, string> = { ...countries(0, 'country'), ...table(lexiconPairs('slang-en.txt')), ...EN_SLANG };

/** Country names (one column of `lexicon/countries.txt`) → the name and the word for "country". */
function countries(column: number, country: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cols of lexiconColumns('countries.txt')) {
    for (const name of (cols[column] ?? '').split('|').filter(Boolean)) out[fold(name)] = `${fold(name)} ${fold(country)}`;
  }
  return out;
}

/**
 * Finglish words beyond the built-in list (`lexicon/finglish-fa.txt`): Latin spellings → Persian.
 * Keys stay Latin (lower case); values are folded like the other Persian tables.
 */
function finglishTable(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(lexiconPairs(name))) {
    for (const key of k.split('|')) {
      const latin = key.trim().toLowerCase();
      if (/^[a-z]+$/.test(latin) && FINGLISH_WORDS[latin] === undefined) out[latin] = fold(v);
    }
  }
  return out;
}
/** Latin forms that only Finglish uses: evidence that a message is Finglish. */
export const FINGLISH_WIDE: Record<string, string> = finglishTable('finglish-fa.txt');
/** Every Latin form to convert, including loanwords spelled like English ("hotel", "internet"). */
export const FINGLISH_CONVERT: Record<string, string> = { ...finglishTable('finglish-loanwords-fa.txt'), ...FINGLISH_WIDE };

/** English words the general lists know (stop words, texting forms, near-synonym groups): evidence for English over Finglish. */
export const EN_KNOWN_WORDS: Set<string> = new Set([
  ...EN_STOP,
  ...Object.keys(EN_SLANG_WIDE),
  ...lexiconLines('synonyms-en.txt').flatMap((l) => l.split(/\s+/)),
]);
