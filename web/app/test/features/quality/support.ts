import { fireEvent } from "@testing-library/react";
import { expect, vi } from "vitest";

/** The CSV file a download link gives: clicked (the file is made then), the Blob it names read back. */
export async function downloadedCsv(link: HTMLElement): Promise<string> {
  const made: Blob[] = [];
  const create = vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    made.push(blob as Blob);
    return `blob:test/${made.length}`;
  });
  const revoke = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
  try {
    fireEvent.click(link);
    if (made.length !== 1 || link.getAttribute("href") !== "blob:test/1") throw new Error("the link named no new CSV file");
    expect(made[0]!.type).toBe("text/csv;charset=utf-8");
    return await made[0]!.text();
  } finally {
    create.mockRestore();
    revoke.mockRestore();
  }
}
