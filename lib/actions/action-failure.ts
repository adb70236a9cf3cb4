import { AppError } from "@/lib/base/app-error";

/** Transitional: an expected failure of a server action. New code throws AppError. */
export class ActionFailure extends AppError {
  constructor(code: string, message: string) {
    super("forbidden", code, message);
    this.name = "ActionFailure";
  }
}
