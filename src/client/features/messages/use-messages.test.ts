import { describe, expect, it } from 'vitest';
import { withMessage } from './use-messages.js';
import type { Message } from './use-messages.js';

const message = (id: number, sticky = false): Message => ({ id, text: `message ${id}`, sticky });
const ids = (list: Message[]) => list.map((shown) => shown.id);

describe('withMessage', () => {
  it('keeps the three newest ordinary messages', () => {
    const sut = [1, 2, 3, 4].map((id) => message(id)).reduce<Message[]>(withMessage, []);
    expect(ids(sut)).toEqual([2, 3, 4]);
  });

  it('keeps every sticky message listed however many others come after it', () => {
    const list = [message(1, true), message(2), message(3, true), message(4), message(5)];
    const sut = [message(6), message(7)].reduce(withMessage, list.reduce<Message[]>(withMessage, []));
    expect(ids(sut)).toEqual([1, 3, 5, 6, 7]);
  });
});
