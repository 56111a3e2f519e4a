// CPU used during a run, in cores (CPU seconds per second of wall time): this process (the load
// generator: autocannon's worker thread included), given child processes and database backends
// (Linux /proc; elsewhere they read as 0), and the whole machine whatever runs on it.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux platform in use). */
const TICKS_PER_SECOND = 100;
export const hasProc = existsSync("/proc/self/stat");

export type CpuSample = {
  at: number;
  self: NodeJS.CpuUsage;
  machineBusy: number;
  machineTotal: number;
  /** CPU seconds of each process asked for, since it started. */
  procs: Map<number, number>;
};

function procSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined; // gone, or not Linux
  }
}

export function sampleCpu(pids: number[] = []): CpuSample {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const b = times.user + times.nice + times.sys + times.irq;
    busy += b;
    total += b + times.idle;
  }
  const procs = new Map<number, number>();
  for (const pid of pids) {
    const s = hasProc ? procSeconds(pid) : undefined;
    if (s !== undefined) procs.set(pid, s);
  }
  return { at: performance.now(), self: process.cpuUsage(), machineBusy: busy, machineTotal: total, procs };
}

/** Cores used between two samples by this process and by the whole machine (everything on it). */
export function coresBetween(a: CpuSample, b: CpuSample) {
  const wall = (b.at - a.at) / 1000;
  return {
    self: (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6 / wall,
    machine:
      ((b.machineBusy - a.machineBusy) / Math.max(1, b.machineTotal - a.machineTotal)) * os.cpus().length,
  };
}

/** Cores used by the given processes: one first seen in `b` counts from its start, one gone by `b` not at all. */
export function procCores(a: CpuSample, b: CpuSample, pids: number[]): number {
  let seconds = 0;
  for (const pid of pids) {
    const end = b.procs.get(pid);
    if (end !== undefined) seconds += end - (a.procs.get(pid) ?? 0);
  }
  return seconds / ((b.at - a.at) / 1000);
}
