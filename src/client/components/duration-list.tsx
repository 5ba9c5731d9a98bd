/** The `Duration?` list: `[1] 1 hour` … up to the maximum, disabled where the rules forbid. */
import type { DurationOption } from '../lib/duration-options.js';
import { OptionButton } from './option-button.js';

interface Props {
  options: DurationOption[];
  selected: number | null;
  onChoose(hours: number): void;
}

export function DurationList({ options, selected, onChoose }: Props) {
  return (
    <div class={`option-list option-list--durations${options.length > 4 ? ' option-list--wide' : ''}`}>
      {options.map((option) => (
        <OptionButton
          key={option.hours}
          hotkey={option.hotkey}
          pressed={selected === option.hours}
          disabled={!option.enabled}
          onClick={() => onChoose(option.hours)}
        >
          {option.label}
        </OptionButton>
      ))}
    </div>
  );
}
