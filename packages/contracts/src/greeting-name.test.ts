import { describe, expect, it } from 'vitest';
import { defaultGreetingName } from './greeting-name.ts';

describe('the name a creator is greeted by, by default', () => {
  // Each worked out by hand: how a person writing to them would address them.
  it.each([
    // Russian order: Surname Given Patronymic → the given name.
    ['Соколова Алина Игоревна', 'Alina', 'Алина'],
    ['Иванов Борис Петрович', 'Boris Cooks', 'Борис'],
    ['Римский-Корсаков Николай Андреевич', 'NRK', 'Николай'],
    ['Кузнецова Мария Ильинична', 'Maria', 'Мария'],
    // Given Patronymic Surname → the given name.
    ['Алина Игоревна Соколова', 'Alina', 'Алина'],
    ['Лев Николаевич Толстой', 'Лев', 'Лев'],
    // Two words (Given Surname) and Latin names → the first word.
    ['Мария Иванова', 'Мария печёт', 'Мария'],
    ['Anna Petrova', 'Bake with Anna', 'Anna'],
    ['Ana María López García', 'Ana', 'Ana'],
    // Three Latin words are not the Russian order.
    ['Mary Ann Smith', 'Mary', 'Mary'],
    // No legal name: the display name's first word.
    [null, 'Bake with Anna', 'Bake'],
    ['   ', 'Кухня Алины', 'Кухня'],
  ])('%s / %s → %s', (legal, display, expected) => {
    expect(defaultGreetingName(legal, display)).toBe(expected);
  });
});
