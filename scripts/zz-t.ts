import { db } from "@/lib/db/client";
const rows: any[] = await db.$queryRawUnsafe(`SELECT "seq", "createdAt", "actor", "payload" FROM "Receipt" ORDER BY "seq" LIMIT 2`);
console.log(rows.map(r => ({ seq: typeof r.seq, c: r.createdAt, ct: Object.prototype.toString.call(r.createdAt), a: typeof r.actor })));
const p = await db.receipt.findFirst({ orderBy: { seq: "asc" }, select: { createdAt: true } });
console.log(p?.createdAt.toISOString());
