// Public types of the widget: configuration, the window.Porsan API and its events.
import type { ChatMessage, ConversationStatus, Locale, VisitorProfile, WidgetSiteConfig } from '../protocol/index.ts';

export type { ChatMessage, ConversationStatus, Locale, VisitorProfile };

export type Position = 'left' | 'right';

/** Options: `data-*` attributes on the script tag, `window.PorsanConfig`, or `load(config)`. */
export interface PorsanConfig {
  /** Server origin, e.g. "https://chat.example.com". Default: the origin of widget.js. */
  server?: string;
  /** UI language; default from `<html lang>`, else "en". */
  locale?: Locale;
  /** Launcher side; default follows the direction (right for LTR, left for RTL). */
  position?: Position;
  /** Primary colour (any CSS colour in #rgb or #rrggbb form gets a contrasting text colour). */
  color?: string;
  /** Panel title; default from the UI strings. */
  title?: string;
  /** First line shown in an empty conversation. */
  greeting?: string;
  /** URL of the image shown for agents. */
  avatar?: string;
  /** Do not render the launcher button (open with `Porsan.open()`). */
  hideLauncher?: boolean;
  /** Ask for name and email or phone before handing off to a person. */
  prechat?: boolean;
  /** `"off"` (or false): never show proactive messages on this page. */
  proactive?: boolean | 'off' | 'on';
}

export interface ResolvedConfig extends Required<Omit<PorsanConfig, 'title' | 'greeting' | 'avatar' | 'color' | 'proactive'>> {
  title?: string;
  greeting?: string;
  avatar?: string;
  color?: string;
  proactive: boolean;
  /** The server's part (proactive rules, upload limits), written into widget.js when it is served. */
  site?: WidgetSiteConfig;
}

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface PorsanEvents {
  open: void;
  close: void;
  /** Every new message (yours once the server confirmed it, the bot's, agents', system). */
  message: ChatMessage;
  /** Number of messages not yet seen by the visitor. */
  unread: number;
  /** The conversation's status, null when there is none. */
  status: ConversationStatus | null;
  /** Connection to the server. */
  connection: ConnectionState;
}
export type PorsanEvent = keyof PorsanEvents;
export type Handler<E extends PorsanEvent> = (payload: PorsanEvents[E]) => void;

/** `window.Porsan` */
export interface PorsanApi {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): void;
  identify(profile: VisitorProfile): void;
  /** The site's user logged out: end the link to their identity on this device. */
  reset(): void;
  setLocale(locale: Locale): void;
  on<E extends PorsanEvent>(event: E, handler: Handler<E>): void;
  off<E extends PorsanEvent>(event: E, handler: Handler<E>): void;
}

/** The proactive chunk's entry (widget/proactive/main.ts). */
export type StartProactive = (host: Host, api: PorsanApi) => void;

/** What the loader hands to the lazily loaded app. */
export interface Host {
  config: ResolvedConfig;
  root: ShadowRoot;
  /** The launcher button (may be hidden); focus returns here on close. */
  launcher: HTMLButtonElement;
  emit<E extends PorsanEvent>(event: E, payload: PorsanEvents[E]): void;
}

/** What the app gives back: the same methods as the public API, minus events. */
export type AppApi = Omit<PorsanApi, 'on' | 'off'>;
export type MountApp = (host: Host) => AppApi;

declare global {
  interface Window {
    /** The API once widget.js ran; before that, optionally a stub `{ q: [[method, ...args]] }`. */
    Porsan?: PorsanApi | { q?: [keyof AppApi | 'on' | 'off', ...unknown[]][] };
    /** Options read by widget.js (data-* attributes on its script tag win). */
    PorsanConfig?: PorsanConfig;
  }
}
