// Saved replies in the composer: `/` finds them, and their variables become names.
import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../protocol/index.ts';
import { fillReply, insertReply, matchReplies, slashQuery } from '../../console/src/lib/snippets.ts';

const reply = (shortcut: string, title: string): SavedReply => ({ id: shortcut, shortcut, title, body: '', updatedAt: '' });

describe('saved replies in the composer', () => {
  it('sees /query before the caret at the start or after a space, in any script', () => {
    expect(slashQuery('/shi', 4)).toEqual({ query: 'shi', start: 0 });
    expect(slashQuery('hello /ارس', 10)).toEqual({ query: 'ارس', start: 6 });
    expect(slashQuery('/', 1)).toEqual({ query: '', start: 0 });
    expect(slashQuery('a/b', 3)).toBeNull(); // a path, not a shortcut
    expect(slashQuery('/ship it', 8)).toBeNull();
  });

  it('lists shortcuts that start with the query, then titles that contain it', () => {
    const all = [reply('shipping', 'Shipping times'), reply('refund', 'When is my money back'), reply('hours', 'Shipping hours')];
    expect(matchReplies(all, 'sh').map((r) => r.shortcut)).toEqual(['shipping', 'hours']);
    expect(matchReplies(all, '').map((r) => r.shortcut)).toEqual(['shipping', 'refund', 'hours']);
  });

  it('fills the visitor’s and the agent’s names, with a fallback word when the visitor gave none', () => {
    expect(fillReply('Hi {visitor}, I am {agent}.', { visitor: 'Sara', agent: 'Omid' })).toBe('Hi Sara, I am Omid.');
    expect(fillReply('Hi {visitor}, I am {agent}.', { visitor: null, agent: 'Omid' })).toBe('Hi, I am Omid.');
    expect(fillReply('سلام {visitor|دوست عزیز}، من {agent} هستم.', { visitor: null, agent: 'امید' })).toBe('سلام دوست عزیز، من امید هستم.');
  });

  it('replaces the /query with the reply and puts the caret after it', () => {
    expect(insertReply('Thanks! /shi', 8, 12, 'Orders ship in 2 days.')).toEqual({ text: 'Thanks! Orders ship in 2 days.', caret: 30 });
  });
});
