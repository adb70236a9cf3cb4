import { describe, expect, it } from "vitest";
import { separationOfDutiesConflict } from "@/lib/policy/separation-of-duties";

const dana = { id: "u_dana", email: "Dana@Example.com" };

describe("separationOfDutiesConflict", () => {
  it("refuses the sponsor and the acted-for person, whatever the email's case", () => {
    expect(separationOfDutiesConflict(dana, { sponsorId: "u_dana", actorEmail: null, separationOfDuties: true })).toMatch(/sponsor/);
    expect(separationOfDutiesConflict(dana, { sponsorId: "u_x", actorEmail: "dana@example.com", separationOfDuties: true })).toMatch(/acts for you/);
  });
  it("allows anyone else, and everyone when the queue switched the rule off", () => {
    expect(separationOfDutiesConflict(dana, { sponsorId: "u_x", actorEmail: "sam@example.com", separationOfDuties: true })).toBeNull();
    expect(separationOfDutiesConflict(dana, { sponsorId: "u_dana", actorEmail: "dana@example.com", separationOfDuties: false })).toBeNull();
  });
});
