// Class names shared by the admin pages, matching the queue and receipts pages.
export const th = "px-2 py-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
export const td = "px-2 py-1.5 align-top";
export const input =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900 focus:outline-none focus:ring-2 focus:ring-blue-600/40";
export const label = "block text-xs font-medium text-zinc-700 dark:text-zinc-300";
const button =
  "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
export const primaryButton = `${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300`;
export const secondaryButton = `${button} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800`;
export const dangerButton = `${button} bg-red-700 text-white hover:bg-red-800`;
export const smallButton =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-600";
export const card = "rounded-md border border-zinc-200 p-3 dark:border-zinc-800";
