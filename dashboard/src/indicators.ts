// The indicator catalogue, read once per sign-in, and a figure written as
// its unit says.
import { api } from "./api";
import { count, percent, yuan } from "./format";
import { type Indicator, IndicatorKind, IndicatorUnit } from "@gen/unionhub/reporting/v1/indicators_pb";
import type { Value } from "@gen/unionhub/reporting/v1/figures_pb";

let catalogue: Map<string, Indicator> | null = null;

export async function loadCatalogue(): Promise<Map<string, Indicator>> {
  if (!catalogue) {
    const r = await api.indicators.listIndicators({});
    catalogue = new Map(r.indicators.map((i) => [i.code, i]));
  }
  return catalogue;
}

export function forgetCatalogue(): void {
  catalogue = null;
}

export function indicator(code: string): Indicator | undefined {
  return catalogue?.get(code);
}

export function nameOf(code: string): string {
  return indicator(code)?.nameZh ?? code;
}

const UNIT_WORD: Partial<Record<IndicatorUnit, string>> = {
  [IndicatorUnit.PEOPLE]: "人",
  [IndicatorUnit.COUNT]: "",
};

// "1,234人", "3.6万元", "91.7%".
export function formatFigure(code: string, v: Value | undefined): string {
  const i = indicator(code);
  if (!v) return "—";
  if (i?.kind === IndicatorKind.RATE) return percent(v.value, v.denominator);
  if (i?.unit === IndicatorUnit.FEN) return yuan(v.value);
  return count(v.value) + (i ? UNIT_WORD[i.unit] ?? "" : "");
}

// A number for a chart: yuan for money, percent for rates.
export function chartNumber(code: string, v: Value | undefined): number {
  const i = indicator(code);
  if (!v) return 0;
  if (i?.kind === IndicatorKind.RATE) {
    const d = Number(v.denominator);
    return d === 0 ? 0 : Math.round((Number(v.value) * 1000) / d) / 10;
  }
  if (i?.unit === IndicatorUnit.FEN) return Number(v.value) / 100;
  return Number(v.value);
}

export function chartLabel(code: string): (n: number) => string {
  const i = indicator(code);
  if (i?.kind === IndicatorKind.RATE) return (n) => `${n}%`;
  if (i?.unit === IndicatorUnit.FEN) return (n) => yuan(Math.round(n * 100));
  return (n) => count(n);
}
