// CPU time (user + system, ms) of every live process in a process group, read
// from /proc: the server's own cost per request, which a shared machine's load
// does not distort the way it distorts rates. Linux only; null elsewhere.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function processGroupCpuMs(groupId: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of entries) {
    try {
      // Fields after the command name (which may hold spaces) start at "state": pgrp is the 3rd, utime the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
