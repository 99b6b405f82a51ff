// The middle band's card, for the widget (live: the visitor taps) and the console's transcript
// (read-only: what the visitor was offered): "Is this what you mean?", the entry's title, the tap
// that shows its answer, and "No, something else".
import type { ConfirmMeta } from '../protocol/index.ts';

export interface ConfirmLabels {
  ask: string;
  yes: string;
  no: string;
}

export function ConfirmCard({ meta, labels, dir, onChoose }: { meta: ConfirmMeta; labels: ConfirmLabels; dir?: 'rtl' | 'ltr'; onChoose?: (entryId: string | null) => void }) {
  return (
    <div class="bub cf" dir={dir}>
      <p class="cfq">{labels.ask}</p>
      <p class="cft">
        <bdi>{meta.title}</bdi>
      </p>
      {onChoose && (
        <div class="acts">
          <button type="button" class="pri" onClick={() => onChoose(meta.entryId)}>
            {labels.yes}
          </button>
          <button type="button" class="chip" onClick={() => onChoose(null)}>
            {labels.no}
          </button>
        </div>
      )}
    </div>
  );
}
