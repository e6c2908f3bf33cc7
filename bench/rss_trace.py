#!/usr/bin/env python3
"""Resident memory of a training process over time, split into phases (issue 14, memory).

Runs a command (a ``gen4j train ...`` or a reference trainer), samples the process's VmRSS from
/proc/PID/status every --every seconds, and watches what the process leaves behind to tell the phases
apart: its stdout lines, the records of metrics.jsonl (train / eval), checkpoint files (a temporary file
while one is being written) and sample grids. Every change is an event; the RSS between two events is
attributed to the segment that the second event ends ("until eval record @ 300" is the evaluation,
"checkpoint tmp" the serialization). At the end, the peak of every segment, the overall peak from
/proc and ru_maxrss from wait4 (what bench/parity.py reports) are printed and written as JSON.

  python3 bench/rss_trace.py --out /tmp/t.json -- ./gen4j train vae --steps 200 --out /tmp/r ...

The run folder is found as the newest directory under the command's --out (gen4j) or --out itself
(references, which write no metrics.jsonl: their stdout lines are the events).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import threading
import time


def rss_kib(pid):
    """(VmRSS, RssAnon, RssFile) in KiB, or None once the process is gone."""
    v = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "RssAnon:", "RssFile:")):
                    v[line.split(":")[0]] = int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (v["VmRSS"], v.get("RssAnon", 0), v.get("RssFile", 0)) if "VmRSS" in v else None


def option(cmd, name):
    return cmd[cmd.index(name) + 1] if name in cmd and cmd.index(name) + 1 < len(cmd) else None


class Watcher:
    """Turns the run folder's state into a list of event names (new since the previous call)."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.run = None
        self.metrics_pos = 0
        self.files = set()
        self.tmp_seen = set()

    def poll(self):
        ev = []
        if self.out_dir is None:
            return ev
        if self.run is None:
            runs = [p for p in glob.glob(os.path.join(self.out_dir, "*")) if os.path.isdir(p)]
            self.run = max(runs, key=os.path.getmtime) if runs else None
            if self.run is None:
                return ev
        m = os.path.join(self.run, "metrics.jsonl")
        if os.path.exists(m):
            with open(m) as f:
                f.seek(self.metrics_pos)
                data = f.read()
            end = data.rfind("\n")
            if end >= 0:
                self.metrics_pos += len(data[:end + 1].encode())
                for line in data[:end].splitlines():
                    try:
                        o = json.loads(line)
                        ev.append(f"{o.get('kind')} record @ {o.get('step')}")
                    except ValueError:
                        pass
        now = set()
        for sub in ("checkpoints", "samples"):
            for p in glob.glob(os.path.join(self.run, sub, "*")) + glob.glob(os.path.join(self.run, sub, ".*")):
                now.add(os.path.relpath(p, self.run))
        for p in sorted(now - self.files):
            if "tmp" in os.path.basename(p):
                ev.append("file started " + p)
            else:
                ev.append("file " + p)
        self.files = now
        return ev


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=float, default=0.05, help="seconds between samples")
    ap.add_argument("--out", required=True, help="JSON file for the trace and the segments")
    ap.add_argument("--log", help="the command's stdout+stderr (default: OUT with .log)")
    ap.add_argument("--jcmd", type=float, default=0,
                    help="every this many seconds also record jcmd GC.heap_info and VM.native_memory summary")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    log_path = a.log or os.path.splitext(a.out)[0] + ".log"
    watcher = Watcher(option(cmd, "--out"))
    events = []  # (t, name)
    lock = threading.Lock()
    t0 = time.time()
    log = open(log_path, "w")
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def reader():
        for line in p.stdout:
            log.write(line)
            log.flush()
            s = line.strip()
            # progress-bar redraws are not events
            if s and "%" not in s[:60]:
                with lock:
                    events.append((time.time() - t0, "stdout: " + s[:100]))

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    samples = []  # (t, rss KiB)
    parts = []  # (t, anonymous KiB, file-backed KiB)
    jcmds = []
    next_jcmd = a.jcmd
    usage = None
    while True:
        pid_done, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid_done:
            usage = ru
            break
        t = time.time() - t0
        full = rss_kib(p.pid)
        r = full[0] if full else None
        if full is not None:
            samples.append((t, r))
            parts.append((t,) + full[1:])
        for e in watcher.poll():
            with lock:
                events.append((t, e))
        if a.jcmd and t >= next_jcmd:
            next_jcmd = t + a.jcmd
            rec = {"t": t, "rss_kib": r}
            for what in ("GC.heap_info", "VM.native_memory"):
                args = ["jcmd", str(p.pid), what] + (["summary"] if what == "VM.native_memory" else [])
                try:
                    rec[what] = subprocess.run(args, capture_output=True, text=True, timeout=20).stdout
                except subprocess.TimeoutExpired:
                    rec[what] = "timeout"
            jcmds.append(rec)
        time.sleep(a.every)
    th.join(timeout=5)
    t_end = time.time() - t0
    for e in watcher.poll():
        events.append((t_end, e))
    events.append((t_end, "exit " + str(os.waitstatus_to_exitcode(status))))
    events.sort()

    # segments: (previous event, this event], the peak RSS inside
    segs = []
    start, prev_name = 0.0, "start"
    for t, name in events:
        inside = [r for s, r in samples if start < s <= t]
        segs.append({"from": prev_name, "until": name, "t0": round(start, 2), "t1": round(t, 2),
                     "peak_mib": round(max(inside) / 1024, 1) if inside else None,
                     "end_mib": round(inside[-1] / 1024, 1) if inside else None})
        start, prev_name = t, name
    peak = max((r for _, r in samples), default=0)
    t_peak = next((s for s, r in samples if r == peak), None)
    at_peak = next((q for q in parts if q[0] == t_peak), (None, 0, 0))
    res = {"cmd": cmd, "anon_at_peak_mib": round(at_peak[1] / 1024, 1), "file_at_peak_mib": round(at_peak[2] / 1024, 1), "ru_maxrss_mib": round(usage.ru_maxrss / 1024, 1), "proc_peak_mib": round(peak / 1024, 1),
           "proc_peak_t": t_peak, "segments": segs,
           "samples": [(round(s, 3), r) for s, r in samples],
           "parts": [(round(q[0], 3), q[1], q[2]) for q in parts], "jcmd": jcmds}
    with open(a.out, "w") as f:
        json.dump(res, f)
    print(f"ru_maxrss {res['ru_maxrss_mib']} MiB; polled peak {res['proc_peak_mib']} MiB at t={t_peak:.1f}s "
          f"(anonymous {res['anon_at_peak_mib']}, file-backed {res['file_at_peak_mib']})")
    for s in segs:
        if s["peak_mib"] is not None:
            print(f"  {s['t0']:7.1f}-{s['t1']:7.1f}s peak {s['peak_mib']:8.1f} end {s['end_mib']:8.1f}  until {s['until']}")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
