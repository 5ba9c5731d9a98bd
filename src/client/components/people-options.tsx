/** The `Who?` list: every roster member, hotkeys for the first six (`[J] Jack`), scrollable. */
import { OptionButton } from './option-button.js';

interface Props {
  users: readonly { name: string }[];
  hotkeyOf(name: string): string | undefined;
  selected: string | null;
  colorOf(name: string): number;
  onSelect(name: string): void;
}

export function PeopleOptions({ users, hotkeyOf, selected, colorOf, onSelect }: Props) {
  return (
    <div class="option-list option-list--people">
      {users.map((user) => (
        <OptionButton
          key={user.name}
          hotkey={hotkeyOf(user.name)}
          pressed={selected === user.name}
          swatch={colorOf(user.name)}
          onClick={() => onSelect(user.name)}
        >
          {user.name}
        </OptionButton>
      ))}
    </div>
  );
}
