// Figures as union officers write them: amounts in 元 or 万元, rates to
// 0.1%, dates as 2026年12月5日.

export function toNumber(v: bigint | number | undefined): number {
  return v === undefined ? 0 : Number(v);
}

// Fen to "800元", "12.34元", "3.6万元" (from 10,000 yuan).
export function yuan(fen: bigint | number): string {
  const f = toNumber(fen);
  const y = f / 100;
  if (Math.abs(y) >= 10_000) return `${trim((y / 10_000).toFixed(2))}万元`;
  return `${trim(y.toFixed(2))}元`;
}

function trim(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

// A rate from its numerator and denominator: "91.7%", or "—" with none.
export function percent(value: bigint | number, denominator: bigint | number): string {
  const d = toNumber(denominator);
  if (d === 0) return "—";
  return `${((toNumber(value) * 100) / d).toFixed(1)}%`;
}

export function count(v: bigint | number): string {
  return toNumber(v).toLocaleString("zh-CN");
}

export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
