// Formatting helpers the demo templates share: money, dates, names.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function grouped(n: number): string {
  return Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
export function fixed(amount: number): string {
  return amount.toFixed(2);
}
export function money(amount: number, currency = "USD"): string {
  const symbol = currency === "EUR" ? "€" : currency === "GBP" ? "£" : "$";
  const [whole, cents] = amount.toFixed(2).split(".");
  return `${symbol}${grouped(Number(whole))}.${cents}`;
}
export function dollars(amount: number): string {
  return `$${grouped(amount)}`;
}
export function day(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
export function firstName(name: string): string {
  return name.split(" ")[0]!;
}
export function emailOf(name: string, domain: string): string {
  return `${name.toLowerCase().replace(/[^a-z ]/g, "").replace(/ /g, ".")}@${domain}`;
}
