// Prints (as JSON) the id of some closed proposal: bench:queue searches for its prefix as an operator would paste it.
import { db } from "@/lib/db/client";

const proposal = await db.proposal.findFirst({ where: { status: "rejected" }, select: { id: true } });
console.log(JSON.stringify(proposal?.id ?? "00000000"));
await db.$disconnect();
