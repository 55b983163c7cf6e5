import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ADA, FakeApi, renderApp } from "../../harness";
import { rules } from "./fixtures";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function settingsApi() {
  return new FakeApi()
    .on("GET /api/auth/me", 200, ADA)
    .on("GET /api/projects/2", 200, { id: 2, name: "Street" })
    .on("GET /api/projects", 200, { items: [{ id: 2, name: "Street" }, { id: 9, name: "Box exam" }], count: 2, page: 1, page_size: 100 })
    .on("GET /api/projects/2/quality/settings", 200, rules())
    .on("PATCH /api/projects/2/quality/settings", 200, rules({ review_threshold: 0.7, required_exam_id: 9 }));
}

describe("the quality settings page", () => {
  it("shows the stored rules", async () => {
    renderApp("/projects/2/quality/settings", settingsApi());
    expect(((await screen.findByTestId("quality-rule-review_threshold")) as HTMLInputElement).value).toBe("0.6");
    expect((screen.getByTestId("quality-rule-review_metric") as HTMLSelectElement).value).toBe("f1");
  });

  it("saves the review threshold and the exam assignees must have passed", async () => {
    const api = settingsApi();
    renderApp("/projects/2/quality/settings", api);
    fireEvent.change(await screen.findByTestId("quality-rule-review_threshold"), { target: { value: "0.7" } });
    await screen.findByRole("option", { name: "Box exam" });
    fireEvent.change(screen.getByTestId("quality-rule-required_exam_id"), { target: { value: "9" } });
    fireEvent.click(screen.getByTestId("quality-settings-save"));
    await screen.findByTestId("quality-settings-saved");
    const body = await api.seen("PATCH /api/projects/2/quality/settings")[0]!.clone().json();
    expect(body).toMatchObject({ review_threshold: 0.7, required_exam_id: 9, review_metric: "f1" });
    expect((screen.getByTestId("quality-rule-required_exam_id") as HTMLSelectElement).value).toBe("9");
  });

  it("does not offer the project itself as its required exam", async () => {
    renderApp("/projects/2/quality/settings", settingsApi());
    await screen.findByRole("option", { name: "Box exam" });
    expect(screen.queryByRole("option", { name: "Street" })).toBeNull();
  });

  it("names a field out of range and sends nothing", async () => {
    const api = settingsApi();
    renderApp("/projects/2/quality/settings", api);
    fireEvent.change(await screen.findByTestId("quality-rule-exam_max_attempts"), { target: { value: "0" } });
    fireEvent.click(screen.getByTestId("quality-settings-save"));
    expect((await screen.findByTestId("quality-rule-exam_max_attempts-problem")).textContent).toBe("A whole number from 1 to 100.");
    expect(screen.getByTestId("quality-rule-exam_max_attempts").getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(api.seen("PATCH /api/projects/2/quality/settings")).toHaveLength(0));
  });

  it("shows what the server refused, at its field", async () => {
    const api = settingsApi().on("PATCH /api/projects/2/quality/settings", 422, {
      ok: false,
      status: 422,
      errors: [{ loc: ["body", "required_exam_id"], msg: "not an exam project", type: "not_an_exam" }],
    });
    renderApp("/projects/2/quality/settings", api);
    fireEvent.click(await screen.findByTestId("quality-settings-save"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("required_exam_id: not an exam project");
  });
});
