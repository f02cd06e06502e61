import { useState } from 'preact/hooks';
import { MAX_LIST_ENTRIES } from '@/utils/shared/creator-lists';
import type { AddedToList } from '@/utils/shared/messaging';
import { formatCount } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import type { ListBridge, ListFailure } from '@/utils/views/list-bridge';
import { CreatorFileError, parseCreatorLines, readCreatorFile, type ParsedInput } from '@/utils/views/list-input';
import { failureParts } from '@/utils/views/list-text';
import { useAnnounce } from './announce';

export interface AddCreatorsProps {
  /** The list to add to; null: the background makes one. */
  listId: string | null;
  bridge: ListBridge;
  /** A list was made for these rows (there was none): show it. */
  onAdded?: (listId: string) => void;
}

/** What the last "Add" did: the parse (rejected lines) and the background's answer. */
type Outcome =
  | { kind: 'reading' }
  | { kind: 'message'; text: string }
  | { kind: 'done'; parsed: ParsedInput; added: AddedToList | null; failure: ListFailure | null };

interface OutcomeLines {
  /** "Added 3 · duplicates merged 1", nothing to add, or why not. */
  summary: string;
  failed: boolean;
  refused: string | null;
  rejectedTitle: string | null;
}

function outcomeLines(parsed: ParsedInput, added: AddedToList | null, failure: ListFailure | null): OutcomeLines {
  let summary = tl('addNothing');
  if (failure) summary = tl('listActionFailed', { reason: failureParts(failure).title });
  else if (added) summary = tl('addSummary', { added: formatCount(added.added), duplicates: formatCount(parsed.duplicates + added.duplicates) });
  return {
    summary,
    failed: failure !== null,
    refused: added && added.refused > 0 ? tl('addRefused', { max: MAX_LIST_ENTRIES, count: formatCount(added.refused) }) : null,
    rejectedTitle: parsed.rejected.length > 0 ? tl('addRejectedTitle', { count: formatCount(parsed.rejected.length) }) : null,
  };
}

/** What is announced: the summary, what was refused, how many lines were not understood. */
function summaryText(lines: OutcomeLines): string {
  const parts = [lines.summary, lines.refused, lines.rejectedTitle].filter((s) => s !== null);
  return parts.map((p) => p.replace(/[：:]$/, '')).join(tl('estimateSeparator'));
}

function fileProblemText(error: unknown): string {
  return error instanceof CreatorFileError ? tl(`file.${error.problem}`) : tl('file.not-text');
}

/**
 * The "Creators" box: paste lines (ids, links, nicknames, spreadsheet cells) or drop / choose a
 * .csv file, then "Add". Says what was added, merged and refused, and lists every line it could
 * not understand with its line number and why.
 */
export function AddCreators({ listId, bridge, onAdded }: AddCreatorsProps) {
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const show = (next: Outcome) => {
    setOutcome(next);
    if (next.kind === 'message') announce(next.text);
    if (next.kind === 'done') announce(summaryText(outcomeLines(next.parsed, next.added, next.failure)));
  };

  /** Send what was read; true when the background took it. */
  const add = async (parsed: ParsedInput): Promise<boolean> => {
    if (parsed.entries.length === 0) {
      show({ kind: 'done', parsed, added: null, failure: null });
      return false;
    }
    const answer = await bridge.addToList({ listId, entries: parsed.entries });
    if (!answer.ok) {
      show({ kind: 'done', parsed, added: null, failure: answer.error });
      return false;
    }
    show({ kind: 'done', parsed, added: answer.value, failure: null });
    if (answer.value.listId !== listId) onAdded?.(answer.value.listId);
    return true;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') return show({ kind: 'message', text: tl('addEmpty') });
    setBusy(true);
    try {
      if (await add(parseCreatorLines(text))) setText('');
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | null | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome({ kind: 'reading' });
    try {
      let parsed: ParsedInput;
      try {
        parsed = await readCreatorFile(file);
      } catch (error) {
        return show({ kind: 'message', text: fileProblemText(error) });
      }
      await add(parsed);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void onFile(event.dataTransfer?.files[0]);
  };

  return (
    <section class="xdp-list__card xdp-list__add" aria-labelledby="xdp-add-title">
      <h2 id="xdp-add-title">{tl('addTitle')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <label for="xdp-add-input" class="xdp-list__label">
          {tl('addLabel')}
        </label>
        <textarea
          id="xdp-add-input"
          rows={5}
          value={text}
          spellcheck={false}
          aria-describedby="xdp-add-help"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id="xdp-add-help" class="xdp-list__help">
          {tl('addHelp')}
        </p>
        <div class="xdp-list__add-row">
          <button type="submit" class="xdp-list__button xdp-list__button--primary" disabled={busy}>
            {tl('addButton')}
          </button>
          <div
            class={`xdp-list__drop${dragging ? ' xdp-list__drop--over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <label class="xdp-list__file">
              <span>{tl('addFileLabel')}</span>
              <input
                type="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                disabled={busy}
                onChange={(e) => {
                  const input = e.currentTarget;
                  void onFile(input.files?.[0]).finally(() => {
                    input.value = ''; // the same file can be chosen again
                  });
                }}
              />
            </label>
            <span class="xdp-list__help">{tl('addDrop')}</span>
          </div>
        </div>
      </form>
      {outcome && <OutcomeView outcome={outcome} />}
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'reading') return <p class="xdp-list__help">{tl('addReading')}</p>;
  if (outcome.kind === 'message') return <p class="xdp-list__error">{outcome.text}</p>;
  const { parsed } = outcome;
  const lines = outcomeLines(parsed, outcome.added, outcome.failure);
  return (
    <div class="xdp-list__outcome" data-testid="add-outcome">
      <p class={lines.failed ? 'xdp-list__error' : 'xdp-list__summary'}>{lines.summary}</p>
      {parsed.headerSkipped && <p class="xdp-list__help">{tl('addHeaderSkipped')}</p>}
      {lines.refused && <p class="xdp-list__error">{lines.refused}</p>}
      {parsed.rejected.length > 0 && (
        <>
          <p class="xdp-list__summary">{lines.rejectedTitle}</p>
          <ul class="xdp-list__rejected">
            {parsed.rejected.map((r) => (
              <li key={r.line}>
                <span class="xdp-list__rejected-line">{tl('addRejectedLine', { line: r.line })}</span>{' '}
                <code class="xdp-list__rejected-text">{r.text}</code> — {tl(`reject.${r.reason}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
