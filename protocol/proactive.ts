// Proactive messages: rules admins define in the console, evaluated by the widget on the page
// itself. The enabled rules come inside widget.js (the script every page loads anyway), so
// deciding whether to greet a visitor costs no request.
import type { BusinessHours, Locale } from './index.ts';
import type { UploadType } from './attachments.ts';

/** How a page address (or the referrer) is matched: a prefix, a glob (`*` any run, `?` one character) or a regular expression. */
export interface UrlMatch {
  type: 'prefix' | 'glob' | 'regex';
  value: string;
}

/** All given conditions must hold; a missing one does not count. */
export interface ProactiveConditions {
  /** The page: patterns starting with `/` match the path (and query), others the whole address. */
  url?: UrlMatch;
  /** At least this long on the page. */
  secondsOnPage?: number;
  /** Scrolled at least this far down the page (0–100). */
  scrollPercent?: number;
  /** At least this many visits (a visit ends after 30 minutes away). */
  minVisits?: number;
  /** The page the visitor came from. */
  referrer?: UrlMatch;
  /** The widget's language is one of these. */
  locales?: Locale[];
  /** Within the team's business hours, or outside them. */
  hours?: 'inside' | 'outside';
}

/** `visitor`: at most once per visitor; `visit`: at most once per visit. */
export type ProactiveFrequency = 'visitor' | 'visit';

export interface ProactiveRuleInput {
  name: string;
  enabled: boolean;
  conditions: ProactiveConditions;
  /** The text per language; a visitor whose language has none is not greeted by this rule. */
  messages: Partial<Record<Locale, string>>;
  /** Seconds to wait once the conditions hold. */
  delaySeconds: number;
  frequency: ProactiveFrequency;
}

export interface ProactiveRule extends ProactiveRuleInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** A rule with how it did: bubbles shown, bubbles opened, conversations started from it. */
export interface ProactiveRuleReport extends ProactiveRule {
  shown: number;
  opened: number;
  converted: number;
}

/** What the widget gets of a rule: no name, no counts. */
export type WidgetRule = Pick<ProactiveRule, 'id' | 'conditions' | 'messages' | 'delaySeconds' | 'frequency'>;

/** The server's part of the widget's configuration, carried inside widget.js. */
export interface WidgetSiteConfig {
  rules: WidgetRule[];
  /** Only when a rule asks about business hours. */
  hours?: BusinessHours;
  /** The largest file accepted, and the types when the server accepts fewer than all (UPLOAD_TYPES). */
  upload: { maxBytes: number; types?: UploadType[] };
}

/** On a conversation started by answering a proactive message. */
export interface StartedFrom {
  ruleId: string;
  ruleName: string;
}

/** The bot message that opens such a conversation: the text the visitor answered. */
export interface ProactiveMeta {
  type: 'proactive';
  ruleId: string;
  ruleName: string;
}

// ---------------------------------------------------------------- HTTP
// Admin:  GET /api/proactive → {rules: ProactiveRuleReport[]}; POST /api/proactive ProactiveRuleInput → {rule};
//         PUT /api/proactive/:id ProactiveRuleInput → {rule}; DELETE /api/proactive/:id → 204
// Widget: POST /visitor/proactive {ruleId, event: 'shown' | 'opened'} (text/plain, sent with sendBeacon) → 204
export interface ProactiveEvent {
  ruleId: string;
  event: 'shown' | 'opened';
}
