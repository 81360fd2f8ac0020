// The grid update delay: from the moment a participant's request that changes the instructor's grid is answered (a
// join, a Check, a raised hand) to the moment each instructor's stream first shows the change. Both moments are taken
// in this process (performance.now()), so no clocks are compared. A change can show before its answer has been read
// here (the stream was quicker than the reply): that counts as 0.

export interface DelaySummary {
  /** Changes answered (each should reach every instructor). */
  changes: number;
  /** One per change and instructor that saw it, in milliseconds. */
  delays: number[];
  /** Change × instructor pairs never seen, among changes answered before the cut-off. */
  missed: number;
  byKind: Record<string, { delays: number[]; missed: number }>;
}

export class GridDelays {
  private readonly answered = new Map<string, number>();
  private readonly seen: Array<Map<string, number>>;

  constructor(readonly instructors: number) {
    this.seen = Array.from({ length: instructors }, () => new Map());
  }

  /** `key` ("check:<participant>:<lesson>:<n>", "hand:<participant>:<n>", "join:<participant>") was answered now. */
  answer(key: string, at = performance.now()): void {
    if (!this.answered.has(key)) this.answered.set(key, at);
  }

  /** Instructor `i`'s stream shows `key` now (only the first sighting counts). */
  sight(i: number, key: string, at = performance.now()): void {
    if (!this.seen[i].has(key)) this.seen[i].set(key, at);
  }

  /** Changes answered before `cutoff` (performance.now() time) that an instructor never saw count as missed. */
  summary(cutoff: number): DelaySummary {
    const out: DelaySummary = { changes: this.answered.size, delays: [], missed: 0, byKind: {} };
    for (const [key, answeredAt] of this.answered) {
      const kind = key.slice(0, key.indexOf(":"));
      const entry = (out.byKind[kind] ??= { delays: [], missed: 0 });
      for (const seen of this.seen) {
        const at = seen.get(key);
        if (at !== undefined) {
          const delay = Math.max(0, at - answeredAt);
          out.delays.push(delay);
          entry.delays.push(delay);
        } else if (answeredAt < cutoff) {
          out.missed++;
          entry.missed++;
        }
      }
    }
    return out;
  }
}
