"use client";

import { useEffect } from "react";
import { forgetAllLocalCopies } from "@/features/wizard/local-copy";

/** On pages a signed-out person lands on: whatever ended the last session, nothing typed in it stays on this device. */
export function ForgetLocalCopies() {
  useEffect(() => forgetAllLocalCopies(), []);
  return null;
}
