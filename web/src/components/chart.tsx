import { useEffect, useRef } from 'preact/hooks';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An Apache ECharts chart on canvas, ECharts loaded on first use (the home page never pays for it).
 * The figure is labelled; the tables beside it carry the same figures for screen readers.
 */
export function Chart(props: { option: EChartsCoreOption; label: string; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('../charts/echarts-setup').then(({ echarts }) => {
      if (disposed || !element.current) return;
      const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
      // No ECharts aria: the figure's label names the chart and the report's tables carry its figures.
      chart.setOption({ animation: false, ...props.option });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [JSON.stringify(props.option)]);
  return (
    <figure class="chart">
      <div ref={element} class="chart-canvas" role="img" aria-label={props.label} data-testid={props.testId} />
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
