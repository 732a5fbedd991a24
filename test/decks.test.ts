import { describe, expect, it } from 'vitest';
import { checkDeck, loadDecks } from './deck-runner.ts';

// The project's own decks: official results copied from public sources, and one per rule edge.
const decks = loadDecks(new URL('../decks/allocation/', import.meta.url).pathname);

describe('allocation decks in decks/allocation', () => {
  it('has the official contests and every rule edge', () => {
    const names = decks.map((deck) => deck.file);
    for (const required of [
      'majilis-2023.json',
      'edge-remainder-tie-earlier-registration.json',
      'edge-remainder-tie-lots-required.json',
      'edge-runner-up-admission.json',
      'edge-no-list-admitted.json',
      'edge-list-exhausted.json',
      'edge-threshold-base-valid.json',
      'edge-methods-sainte-lague.json',
    ]) {
      expect(names).toContain(required);
    }
  });

  it('writes the recorded steps beside the seats in every deck', () => {
    for (const deck of decks) expect(deck.document.expected.steps, deck.file).toBeDefined();
  });

  it.each(decks.map((deck) => [deck.file, deck] as const))('%s', (_file, deck) => {
    checkDeck(deck);
  });
});
