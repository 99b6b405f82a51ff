// Learned wordings as the learning module and the store speak of them (rows stay in server/store/).
import type { LearnedStatus, Locale } from '../../protocol/index.ts';

/** What a piece of evidence rests on: a confirmed middle band, a picked suggestion, an agent's FAQ answer. */
export type EvidenceSource = 'confirm' | 'pick' | 'agent';

/** One piece of evidence that a visitor's wording means an entry. */
export interface Evidence {
  /** the wording as written */
  text: string;
  normalized: string;
  entryId: string;
  locale: Locale;
  conversationId: string;
  visitorId: string;
  source: EvidenceSource;
}

export interface LearnedRecord {
  id: string;
  text: string;
  normalized: string;
  entryId: string;
  locale: Locale;
  status: LearnedStatus;
  /** evidence that still counts */
  evidence: number;
  /** different visitors whose own choice (not an agent's answer) still counts */
  visitors: number;
  lastAt: string;
}

/** The store's side of learned wordings. */
export interface LearnedStore {
  /** Adds evidence (creating the wording when new); returns the wording's id. */
  addEvidence(e: Evidence): Promise<string>;
  /** The visitors' evidence of a conversation stops counting (they asked for a person after all); how many pieces. */
  voidVisitorEvidence(conversationId: string): Promise<number>;
  list(opts?: { status?: LearnedStatus; limit?: number }): Promise<LearnedRecord[]>;
  get(id: string): Promise<LearnedRecord | undefined>;
  setStatus(id: string, status: LearnedStatus, by: string | null): Promise<LearnedRecord | undefined>;
  /** Pending wordings whose visitor evidence comes from at least `visitors` different visitors. */
  confirmedBy(visitors: number): Promise<LearnedRecord[]>;
}
