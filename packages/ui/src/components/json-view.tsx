// Pretty-printed, syntax-coloured JSON; with a diff, the lines an event changed are highlighted.
import { useMemo } from 'preact/hooks';
import type { Diff } from '../lib/json-diff.js';
import { jsonLines } from '../lib/json-lines.js';
import { CopyButton } from './copy-button.js';

interface Props {
  value: unknown;
  label?: string;
  diff?: Diff;
  before?: unknown;
  copy?: boolean;
}

const markLabel = { added: '+', changed: '~', removed: '−' } as const;

export function JsonView({ value, label, diff, before, copy = true }: Props) {
  const { lines, truncated } = useMemo(() => jsonLines(value, diff, before), [value, diff, before]);
  const text = useMemo(() => JSON.stringify(value, null, 2), [value]);
  return (
    <figure class="json">
      {(label || copy) && (
        <figcaption>
          <span>{label}</span>
          {copy && <CopyButton text={text} label={label ? `Copy ${label.toLowerCase()}` : 'Copy JSON'} />}
        </figcaption>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable block must take focus to scroll by keyboard */}
      <pre tabIndex={0}>
        {lines.map((line, i) => (
          <div
            key={i}
            class={line.mark ? `jl jl-${line.mark}` : 'jl'}
            style={{ paddingInlineStart: `${line.depth * 2 + (diff ? 2 : 0)}ch` }}
          >
            {diff && line.mark && (
              <>
                <span class="jl-mark" aria-hidden="true">
                  {markLabel[line.mark]}
                </span>
                <span class="sr-only">{line.mark}: </span>
              </>
            )}
            {line.tokens.map((t, j) => (
              <span key={j} class={`t-${t.kind}`}>
                {t.text}
              </span>
            ))}
          </div>
        ))}
        {truncated && <div class="jl muted">… truncated for display; copy to get everything</div>}
      </pre>
    </figure>
  );
}
