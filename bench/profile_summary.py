#!/usr/bin/env python3
"""Summarizes a PyTorch profiler Chrome trace (``gen4j train ... --profile FILE.json``, or a Python
reference's ``torch.profiler`` export) as a table of self time per operator.

Self time of an event = its duration minus the durations of the events nested directly inside it on the
same thread, so that ``aten::conv2d`` is not counted again in ``aten::convolution``. Prints the operators
that take the most self time, their share of the total, calls per profiled step and microseconds per call.

  python3 bench/profile_summary.py trace.json --steps 5 [--top 25] [--markdown]
"""
import argparse
import collections
import json


def events(path):
    with open(path) as f:
        data = json.load(f)
    evs = data["traceEvents"] if isinstance(data, dict) else data
    return [e for e in evs if e.get("ph") == "X" and "dur" in e]


def self_times(evs):
    """{name: [self microseconds, calls]} from complete events, nesting resolved per (pid, tid)."""
    by_thread = collections.defaultdict(list)
    for e in evs:
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
    out = collections.defaultdict(lambda: [0.0, 0])
    for thread_events in by_thread.values():
        thread_events.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [event, end, child time]
        for e in thread_events:
            ts, dur = float(e["ts"]), float(e["dur"])
            while stack and ts >= stack[-1][1]:
                done = stack.pop()
                out[done[0]["name"]][0] += float(done[0]["dur"]) - done[2]
                out[done[0]["name"]][1] += 1
            if stack:
                stack[-1][2] += dur
            stack.append([e, ts + dur, 0.0])
        while stack:
            done = stack.pop()
            out[done[0]["name"]][0] += float(done[0]["dur"]) - done[2]
            out[done[0]["name"]][1] += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trace")
    ap.add_argument("--steps", type=int, default=5, help="training steps the trace covers")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    st = self_times(events(a.trace))
    total = sum(v[0] for v in st.values())
    rows = sorted(st.items(), key=lambda kv: -kv[1][0])
    ops = sum(v[1] for v in st.values())
    head = (f"{a.trace}: {total / 1000 / a.steps:.1f} ms of operator self time per step, "
            f"{ops / a.steps:.0f} operator calls per step")
    if a.markdown:
        print(head + "\n")
        print("| operator | share | ms/step | calls/step | us/call |")
        print("|---|---|---|---|---|")
    else:
        print(head)
        print(f"{'operator':44s} {'share':>6s} {'ms/step':>8s} {'calls/step':>10s} {'us/call':>8s}")
    for name, (us, calls) in rows[:a.top]:
        cells = (name, f"{100 * us / total:.1f}%", f"{us / 1000 / a.steps:.2f}", f"{calls / a.steps:.0f}",
                 f"{us / calls:.1f}")
        if a.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print(f"{cells[0][:44]:44s} {cells[1]:>6s} {cells[2]:>8s} {cells[3]:>10s} {cells[4]:>8s}")


if __name__ == "__main__":
    main()
