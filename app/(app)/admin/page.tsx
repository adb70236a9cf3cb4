import { redirect } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/require-admin";

// /admin opens on the first section; the check comes first so others still get a 404.
export default async function AdminIndex() {
  await requireAdminPage("/admin");
  redirect("/admin/users");
}
