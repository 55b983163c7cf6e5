/** The spread of per-frame agreement: how many frames fall in each tenth from 0 to 100 %. */

export interface AgreementBin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except for the last bin, which holds 1 too. */
  to: number;
  frames: number;
}

export function agreementHistogram(values: readonly number[], bins = 10): AgreementBin[] {
  const out: AgreementBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, frames: 0 }));
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const index = Math.min(bins - 1, Math.max(0, Math.floor(value * bins)));
    out[index]!.frames += 1;
  }
  return out;
}

/** k replicas need 2 ≤ k ≤ 11 (the server's bounds); null when the text is not such a whole number. */
export function readReplicas(text: string): number | null {
  const k = Number(text);
  return text.trim() !== "" && Number.isInteger(k) && k >= 2 && k <= 11 ? k : null;
}
