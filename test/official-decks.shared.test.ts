import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeck, loadDecks } from './deck-runner.ts';

// The `shared` suite: every official deck in ../shared/data/decks reproduced exactly.
// scripts/test.sh runs it whenever that folder exists (always in CI).
const directory = join(process.env.SAYLAU_SHARED ?? new URL('../../shared', import.meta.url).pathname, 'data', 'decks');

describe('official decks in ../shared/data/decks', () => {
  it('the folder is there with its decks', () => {
    expect(existsSync(directory)).toBe(true);
    expect(loadDecks(directory).length).toBeGreaterThanOrEqual(6);
  });

  it.each(loadDecks(directory).map((deck) => [deck.file, deck] as const))('%s', (_file, deck) => {
    checkDeck(deck);
  });
});
