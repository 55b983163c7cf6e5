import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/video/player/clock";
import { Player, type PlayerTarget } from "../../../src/video/player/player";

/** Frames 0…last; `decoded` says which are ready; every frame shown is recorded. */
function harness(last = 59, decoded: (frame: number) => boolean = () => true, start = 0) {
  const shown: number[] = [];
  const lookaheads: number[] = [];
  let current = start;
  const target: PlayerTarget = {
    first: 0,
    last,
    current: () => current,
    ready: (f) => decoded(f),
    show: (f) => {
      current = f;
      shown.push(f);
    },
    lookahead: (n) => lookaheads.push(n),
  };
  const clock = new ManualClock();
  const player = new Player(target, 30, clock);
  return { player, clock, shown, lookaheads, current: () => current };
}

describe("the player", () => {
  it("plays at the video's rate: at 30 fps on a 60 Hz display each frame shows once, in order", () => {
    const { player, clock, shown } = harness();
    player.play();
    clock.advance(1000);
    expect(shown).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(player.stats()).toEqual({ shown: 30, skipped: 0, late: 0, stalls: 0, stalledMs: 0 });
  });

  it("asks for 1.5 s of frames decoded ahead, more at a higher speed", () => {
    const { player, lookaheads } = harness();
    player.setSpeed(2);
    expect(lookaheads).toEqual([45, 90]);
  });

  it("holds the frame on screen while the next is not decoded, then carries on from it without jumping", () => {
    let available = 10;
    const { player, clock, shown } = harness(59, (f) => f <= available);
    player.play();
    clock.advance(1000);
    expect(shown.at(-1)).toBe(10);
    available = 59;
    clock.advance(100);
    expect(shown.slice(-3)).toEqual([11, 12, 13]);
    expect(player.stats()).toMatchObject({ stalls: 1, skipped: 0 });
    expect(player.stats().stalledMs).toBeGreaterThan(600);
  });

  it("stops on the last frame when not looping", () => {
    const { player, clock, current } = harness(20);
    player.play();
    clock.advance(2000);
    expect(current()).toBe(20);
    expect(player.state().playing).toBe(false);
  });

  it("loops over the range, starting there when the playhead is outside it", () => {
    const { player, clock, shown } = harness(59);
    player.setRange({ start: 12, stop: 10 });
    expect(player.state().range).toEqual({ start: 10, stop: 12 });
    player.setLooping(true);
    player.play();
    clock.advance(300);
    expect(shown.slice(0, 8)).toEqual([10, 11, 12, 10, 11, 12, 10, 11]);
    expect(player.state().playing).toBe(true);
  });

  it("at 4× on a 60 Hz display passes over the frames it cannot repaint, and counts them", () => {
    const { player, clock, shown } = harness(200);
    player.setSpeed(4);
    player.play();
    clock.advance(500);
    expect(shown.at(-1)).toBe(60);
    expect(player.stats().skipped).toBe(30);
  });

  it("starts again from the beginning when played at the end", () => {
    const { player, clock, shown } = harness(30, () => true, 30);
    player.play();
    clock.advance(100);
    expect(shown.slice(0, 2)).toEqual([0, 1]);
  });

  it("steps through the speeds and refuses one out of range", () => {
    const { player } = harness();
    player.stepSpeed(1);
    player.stepSpeed(1);
    expect(player.state().speed).toBe(2);
    player.stepSpeed(-1);
    player.stepSpeed(-1);
    player.stepSpeed(-1);
    expect(player.state().speed).toBe(0.5);
    expect(() => player.setSpeed(8)).toThrow(RangeError);
  });

  it("pauses where it is", () => {
    const { player, clock, current } = harness();
    player.play();
    clock.advance(500);
    player.pause();
    const at = current();
    clock.advance(500);
    expect(current()).toBe(at);
  });

  it("counts a wait for the first frame after play (a seek just before) as starting, not as a stall", () => {
    let available = 0;
    const { player, clock, shown } = harness(59, (f) => f <= available);
    player.play();
    clock.advance(200);
    expect(shown).toEqual([]);
    available = 59;
    clock.advance(200);
    expect(shown.slice(0, 3)).toEqual([1, 2, 3]);
    expect(player.stats()).toMatchObject({ stalls: 0, stalledMs: 0, late: 0, skipped: 0 });
  });
});
