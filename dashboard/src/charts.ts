// Apache ECharts, only the parts the dashboard draws (so the page stays
// small): line and bar charts on a canvas.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const charts = new Set<echarts.ECharts>();

export interface Series {
  name: string;
  values: (number | null)[]; // null: not yet (a month still to come).
}

export interface ChartOptions {
  dark?: boolean; // On the wall's dark background.
  stacked?: boolean; // Bars of the series on top of each other.
  horizontal?: boolean; // Bars along the x axis, labels down the side.
}

// A chart of `series` over `labels` in `el`; `format` writes a value.
export function drawChart(
  el: HTMLElement,
  kind: "line" | "bar",
  labels: string[],
  series: Series[],
  format: (v: number) => string,
  options: ChartOptions = {},
): echarts.ECharts {
  const chart = echarts.init(el, options.dark ? "dark" : undefined, { renderer: "canvas" });
  charts.add(chart);
  const categories = { type: "category", data: labels, inverse: options.horizontal };
  const values = { type: "value", axisLabel: { formatter: (v: number) => format(v) } };
  chart.setOption({
    animation: false,
    backgroundColor: "transparent",
    color: ["#c62828", "#90a4ae", "#1565c0", "#2e7d32", "#f9a825", "#6a1b9a"],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => format(Number(v)) },
    xAxis: options.horizontal ? values : categories,
    yAxis: options.horizontal ? categories : values,
    series: series.map((s) => ({ name: s.name, type: kind, data: s.values, stack: options.stacked ? "all" : undefined })),
  });
  return chart;
}

// Charts of a page that is gone.
export function disposeCharts(): void {
  for (const c of charts) c.dispose();
  charts.clear();
}

export function resizeCharts(): void {
  for (const c of charts) c.resize();
}
