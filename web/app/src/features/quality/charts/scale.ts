/** Chart scales: values to pixels, and round tick values for an axis. Pure, so the charts are testable. */

/** A linear map from `domain` onto `range`; a flat domain maps everything to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** The round step (1, 2 or 5 × 10ⁿ) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from 0 to the first round value ≥ `max`, about `count` of them: the axis of a count chart. */
export function countTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const step = Math.max(1, niceStep(max, count));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i += 1) ticks.push(i * step);
  return ticks;
}

/** The axis of a rate chart: 0 %, 25 %, 50 %, 75 %, 100 %. */
export const RATE_TICKS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];
