import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { Chart, ChartConfiguration } from 'chart.js';

/**
 * Chart.js with the bar parts (components/list/chart-bars.ts), requested when a bar chart is first
 * shown: the list page's comparison and the options page's usage by day share this chunk.
 */
export function loadBarChart(): Promise<typeof import('./chart-bars')> {
  return import('./chart-bars');
}

/** The 2D context, or null where there is none (happy-dom, a canvas-less browser). */
function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

export type BarData = ChartConfiguration<'bar'>['data'];

/**
 * A bar chart on the returned canvas, drawn once Chart.js has loaded: `configure` makes it from the
 * latest `data`; when `data` changes, `toData` replaces its data. `ready` once drawn. Where the
 * chunk does not load or nothing can be drawn it stays not ready: the page's table has the numbers.
 */
export function useBarChart<T>(
  data: T,
  configure: (data: T, canvas: HTMLCanvasElement) => ChartConfiguration<'bar'>,
  toData: (data: T) => BarData,
): { canvasRef: RefObject<HTMLCanvasElement>; ready: boolean } {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar'> | null>(null);
  const latest = useRef({ data, configure });
  latest.current = { data, configure };
  const [ready, setReady] = useState(false);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas ? context2d(canvas) : null;
    if (!canvas || !ctx) return undefined;
    let unmounted = false;
    loadBarChart().then(
      ({ Chart: ChartJs }) => {
        if (unmounted) return;
        try {
          chartRef.current = new ChartJs<'bar'>(ctx, latest.current.configure(latest.current.data, canvas));
          setReady(true);
        } catch {
          // Nothing can be drawn here: the table has the numbers.
        }
      },
      () => undefined, // the chunk did not load: the table has the numbers
    );
    return () => {
      unmounted = true;
      chartRef.current?.destroy();
      chartRef.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data = toData(data);
    chart.update();
  }, [data]);

  return { canvasRef, ready };
}
