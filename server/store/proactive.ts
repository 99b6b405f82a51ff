// Proactive message rules and their counters (bubbles shown and opened).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ProactiveConditions, ProactiveRule, ProactiveRuleInput } from '../../protocol/index.ts';
import type { Database, ProactiveRulesTable } from './schema.ts';
import { now } from './rows.ts';

type Row = Selectable<ProactiveRulesTable>;

export interface StoredRule extends ProactiveRule {
  shown: number;
  opened: number;
}

function toRule(r: Row): StoredRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    conditions: JSON.parse(r.conditions) as ProactiveConditions,
    messages: JSON.parse(r.messages) as ProactiveRule['messages'],
    delaySeconds: Number(r.delay_seconds),
    frequency: r.frequency === 'visit' ? 'visit' : 'visitor',
    shown: Number(r.shown),
    opened: Number(r.opened),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function inputRow(rule: ProactiveRuleInput) {
  return {
    name: rule.name,
    enabled: rule.enabled ? 1 : 0,
    conditions: JSON.stringify(rule.conditions),
    messages: JSON.stringify(rule.messages),
    delay_seconds: rule.delaySeconds,
    frequency: rule.frequency,
  };
}

export class ProactiveRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Oldest first: the order the widget tries them in. */
  async all(): Promise<StoredRule[]> {
    const rows = await this.db.selectFrom('proactive_rules').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRule);
  }

  async get(id: string): Promise<StoredRule | undefined> {
    const row = await this.db.selectFrom('proactive_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRule(row);
  }

  async create(rule: ProactiveRuleInput): Promise<StoredRule> {
    const t = now();
    const row: Row = { id: randomUUID(), ...inputRow(rule), shown: 0, opened: 0, created_at: t, updated_at: t };
    await this.db.insertInto('proactive_rules').values(row).execute();
    return toRule(row);
  }

  async update(id: string, rule: ProactiveRuleInput): Promise<StoredRule | undefined> {
    const row = await this.db.updateTable('proactive_rules').set({ ...inputRow(rule), updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirst();
    return row && toRule(row);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('proactive_rules').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** One more bubble shown or opened; false when there is no such rule. */
  async count(id: string, what: 'shown' | 'opened'): Promise<boolean> {
    const r = await this.db
      .updateTable('proactive_rules')
      .set((eb) => (what === 'shown' ? { shown: eb('shown', '+', 1) } : { opened: eb('opened', '+', 1) }))
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
