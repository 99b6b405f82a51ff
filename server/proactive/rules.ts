// Proactive messages on the server: the admins' rules (checked at the door), what the widget
// gets of them (inside widget.js, see http/widget-script.ts), the counts per rule, and the
// opening of a conversation that a visitor starts by answering one.
import { z } from 'zod';
import type { Locale, ProactiveRuleInput, ProactiveRuleReport, UploadLimits, WidgetSiteConfig } from '../../protocol/index.ts';
import { LOCALES, UPLOAD_TYPES } from '../../protocol/index.ts';
import type { Opening } from '../conversations/visitor-side.ts';
import type { Team } from '../conversations/team.ts';
import type { Store } from '../store/index.ts';

const compiles = (v: string) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
};
const urlMatch = z
  .object({ type: z.enum(['prefix', 'glob', 'regex']), value: z.string().trim().min(1).max(300) })
  .strict()
  .refine((m) => m.type !== 'regex' || compiles(m.value), { message: 'not a valid regular expression', path: ['value'] });
const locale = z.enum(LOCALES as [Locale, ...Locale[]]);
const text = z.string().trim().min(1).max(500);

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean(),
    conditions: z
      .object({
        url: urlMatch.optional(),
        secondsOnPage: z.number().int().min(0).max(3600).optional(),
        scrollPercent: z.number().int().min(0).max(100).optional(),
        minVisits: z.number().int().min(1).max(1000).optional(),
        referrer: urlMatch.optional(),
        locales: z.array(locale).min(1).max(LOCALES.length).optional(),
        hours: z.enum(['inside', 'outside']).optional(),
      })
      .strict(),
    messages: z
      .object({ fa: text.optional(), ar: text.optional(), en: text.optional() })
      .strict()
      .refine((m) => Object.values(m).some(Boolean), 'a message in at least one language'),
    delaySeconds: z.number().int().min(0).max(3600),
    frequency: z.enum(['visitor', 'visit']),
  })
  .strict();

/** The demo shop's rule (npm start): ten seconds on a product page. */
export const DEMO_RULE: ProactiveRuleInput = {
  name: 'Product page help',
  enabled: true,
  conditions: { url: { type: 'prefix', value: '/product' }, secondsOnPage: 10 },
  messages: {
    fa: 'سؤالی درباره این محصول دارید؟ همین‌جا بپرسید، خوشحال می‌شویم کمک کنیم.',
    ar: 'هل لديك سؤال عن هذا المنتج؟ اسألنا هنا، يسعدنا أن نساعدك.',
    en: 'Any questions about this product? Ask here — we are happy to help.',
  },
  delaySeconds: 0,
  frequency: 'visitor',
};

/** widget.js is fetched on every page view: its rules are rebuilt at most this often. */
const SITE_CONFIG_TTL_MS = 5_000;

export class ProactiveRules {
  private cached: { at: number; config: Promise<WidgetSiteConfig> } | null = null;

  constructor(
    private readonly store: Pick<Store, 'proactive' | 'conversations' | 'settings'>,
    private readonly team: Team,
    private readonly uploads: UploadLimits,
  ) {}

  async list(): Promise<ProactiveRuleReport[]> {
    const [rules, converted] = await Promise.all([this.store.proactive.all(), this.store.conversations.startedFromRules()]);
    return rules.map((r) => ({ ...r, converted: converted.get(r.id) ?? 0 }));
  }

  async create(input: ProactiveRuleInput): Promise<ProactiveRuleReport> {
    const rule = await this.store.proactive.create(input);
    this.cached = null;
    return { ...rule, converted: 0 };
  }

  async update(id: string, input: ProactiveRuleInput): Promise<ProactiveRuleReport | undefined> {
    const rule = await this.store.proactive.update(id, input);
    this.cached = null;
    return rule && (await this.list()).find((r) => r.id === id);
  }

  async delete(id: string): Promise<boolean> {
    this.cached = null;
    return this.store.proactive.delete(id);
  }

  /** A bubble was shown or opened; false for a rule that does not exist. */
  record(ruleId: string, event: 'shown' | 'opened'): Promise<boolean> {
    return this.store.proactive.count(ruleId, event);
  }

  /** The message a visitor answered, in their language, when the rule exists and is on. */
  async opening(ruleId: string, locale: Locale): Promise<Opening | null> {
    const rule = await this.store.proactive.get(ruleId);
    if (!rule?.enabled) return null;
    const text = rule.messages[locale] ?? Object.values(rule.messages).find(Boolean);
    return text ? { ruleId: rule.id, ruleName: rule.name, text } : null;
  }

  /** What widget.js carries: the enabled rules (no names, no counts), business hours when a rule needs them, the upload limits. */
  siteConfig(): Promise<WidgetSiteConfig> {
    if (this.cached && Date.now() - this.cached.at < SITE_CONFIG_TTL_MS) return this.cached.config;
    const config = this.store.proactive.all().then((all) => {
      const rules = all.filter((r) => r.enabled).map(({ id, conditions, messages, delaySeconds, frequency }) => ({ id, conditions, messages, delaySeconds, frequency }));
      // (every page view downloads this: the types only when they are fewer than all)
      const upload = { maxBytes: this.uploads.maxBytes, ...(this.uploads.types.length < UPLOAD_TYPES.length && { types: this.uploads.types }) };
      return { rules, upload, ...(rules.some((r) => r.conditions.hours) && { hours: this.team.settings().hours }) };
    });
    config.catch(() => (this.cached = null));
    this.cached = { at: Date.now(), config };
    return config;
  }

  /** Team settings changed (business hours): the next widget.js says so. */
  invalidate(): void {
    this.cached = null;
  }

  /** The demo's rule, once: deleting it later in the console is respected. */
  async seedDemo(): Promise<void> {
    if (await this.store.settings.get<boolean>('proactive.demoSeeded')) return;
    if ((await this.store.proactive.all()).length === 0) await this.create(DEMO_RULE);
    await this.store.settings.put('proactive.demoSeeded', true);
  }
}
