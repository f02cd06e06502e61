import { describe, expect, it } from 'vitest';
import { loadsFromMarks } from '../../scripts/bench/unattended-loads';
import { CHART_DRAWN_MARK, CREATOR_KNOWN_MARK, DETECTED_MARK, PANEL_STARTED_MARK } from '../../utils/shared/perf-marks';

const mark = (name: string, ms: number) => ({ name, cat: 'blink.user_timing', ts: ms * 1000 });

describe('loadsFromMarks (bench, loads with nothing attached)', () => {
  it('pairs each detection with the panel marks that follow it, in trace time', () => {
    const events = [
      mark(CHART_DRAWN_MARK, 1_090), // out of order in the trace: sorted by time
      mark(DETECTED_MARK, 1_000),
      mark(PANEL_STARTED_MARK, 1_050),
      mark(CREATOR_KNOWN_MARK, 1_070),
      mark('navigationStart', 1_010), // not ours
      mark(DETECTED_MARK, 3_000),
      mark(PANEL_STARTED_MARK, 3_040),
      { name: CREATOR_KNOWN_MARK }, // no time: ignored
    ];
    expect(loadsFromMarks(events)).toEqual([
      { started: 50, creator: 70, chart: 90 },
      { started: 40, creator: null, chart: null }, // a load whose chart never came
    ]);
  });

  it('marks before the first detection, and second marks of a load, do not count', () => {
    const events = [mark(CHART_DRAWN_MARK, 10), mark(DETECTED_MARK, 100), mark(CHART_DRAWN_MARK, 180), mark(CHART_DRAWN_MARK, 250)];
    expect(loadsFromMarks(events)).toEqual([{ started: null, creator: null, chart: 80 }]);
  });
});
