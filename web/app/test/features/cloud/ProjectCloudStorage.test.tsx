import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ProjectCloudStorage } from "../../../src/features/cloud/ProjectCloudStorage";
import { ADA, errorBody } from "../../harness";
import { answered, renderWith, server, STORAGE } from "./render";

afterEach(cleanup);

const LIST = "GET /api/projects/2/cloud-storages";

describe("a project's cloud storage section", () => {
  it("lists each connection with its bucket, prefix, endpoint and where its credentials come from", async () => {
    const api = server().on(LIST, 200, [STORAGE, { ...STORAGE, id: 4, name: "aws", prefix: "", endpoint_url: null, has_credentials: false }]);
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    const rows = await screen.findAllByTestId("cloud-storage-row");
    expect(rows.map((r) => Array.from(r.querySelectorAll("td")).slice(0, 5).map((c) => c.textContent))).toEqual([
      ["cams", "acme-footage", "cams/2026/", "https://minio.acme.internal:9000", "keys stored"],
      ["aws", "acme-footage", "whole bucket", "AWS S3", "server credentials"],
    ]);
  });

  it.each([403, 404])("is not shown to someone the list answers %i", async (status) => {
    const api = server().on(LIST, status, errorBody(status, "no"));
    const { container } = renderWith(<ProjectCloudStorage projectId={2} />, api);
    await waitFor(() => expect(api.seen(LIST)).toHaveLength(1));
    await answered();
    expect(container.querySelector("[data-testid=cloud-storage]")).toBeNull();
  });

  it("connects a bucket with its keys, then lists it and forgets the secret", async () => {
    let listed: unknown[] = [];
    const api = server()
      .on(LIST, 200, () => listed)
      .on("POST /api/projects/2/cloud-storages", 201, () => {
        listed = [STORAGE];
        return STORAGE;
      });
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    fireEvent.click(await screen.findByTestId("cloud-connect-open"));
    const secret = screen.getByTestId("cloud-field-secret_access_key") as HTMLInputElement;
    expect(secret.type).toBe("password");
    const fill = (field: string, value: string) => fireEvent.change(screen.getByTestId(`cloud-field-${field}`), { target: { value } });
    fill("name", "cams");
    fill("bucket", "acme-footage");
    fill("prefix", "cams/2026/");
    fill("access_key_id", "AKIA1");
    fill("secret_access_key", "s3cret");
    fireEvent.submit(screen.getByTestId("cloud-connect-form"));
    expect(await screen.findByTestId("cloud-storage-row")).toBeTruthy();
    expect(screen.queryByTestId("cloud-connect-form")).toBeNull();
    expect(await api.seen("POST /api/projects/2/cloud-storages")[0]!.json()).toEqual({
      name: "cams", bucket: "acme-footage", prefix: "cams/2026/", endpoint_url: null, region: null,
      access_key_id: "AKIA1", secret_access_key: "s3cret",
    });
    expect(screen.queryByDisplayValue("s3cret")).toBeNull();
  });

  it("shows a bucket the server could not list at the bucket field, and keeps what was typed", async () => {
    const api = server()
      .on(LIST, 200, [])
      .on("POST /api/projects/2/cloud-storages", 422, errorBody(422, "bucket 'nope' not found", ["body", "bucket"]));
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    fireEvent.click(await screen.findByTestId("cloud-connect-open"));
    fireEvent.change(screen.getByTestId("cloud-field-name"), { target: { value: "cams" } });
    fireEvent.change(screen.getByTestId("cloud-field-bucket"), { target: { value: "nope" } });
    fireEvent.submit(screen.getByTestId("cloud-connect-form"));
    expect((await screen.findByTestId("cloud-error-bucket")).textContent).toBe("bucket 'nope' not found");
    expect(screen.getByTestId("cloud-field-bucket").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("cloud-field-name") as HTMLInputElement).value).toBe("cams");
  });

  it("asks for a name and a bucket before calling the server", async () => {
    const api = server().on(LIST, 200, []);
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    fireEvent.click(await screen.findByTestId("cloud-connect-open"));
    fireEvent.submit(screen.getByTestId("cloud-connect-form"));
    expect((await screen.findByTestId("cloud-error-name")).textContent).toBe("Required.");
    expect(screen.getByTestId("cloud-error-bucket").textContent).toBe("Required.");
    expect(api.seen("POST /api/projects/2/cloud-storages")).toHaveLength(0);
  });

  it("removes a connection only once confirmed", async () => {
    let listed: unknown[] = [STORAGE];
    const api = server()
      .on(LIST, 200, () => listed)
      .on("DELETE /api/cloud-storages/3", 204, () => {
        listed = [];
        return null;
      });
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    fireEvent.click(await screen.findByTestId("cloud-remove"));
    expect(api.seen("DELETE /api/cloud-storages/3")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("cloud-remove-confirm"));
    expect(await screen.findByText(/No bucket is connected/)).toBeTruthy();
    expect(api.seen("DELETE /api/cloud-storages/3")).toHaveLength(1);
  });

  it("explains that a connection still in use cannot be removed", async () => {
    const api = server()
      .on(LIST, 200, [STORAGE])
      .on("DELETE /api/cloud-storages/3", 409, errorBody(409, "tasks still show media from this storage"));
    renderWith(<ProjectCloudStorage projectId={2} />, api);
    fireEvent.click(await screen.findByTestId("cloud-remove"));
    fireEvent.click(screen.getByTestId("cloud-remove-confirm"));
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toContain("This connection is still in use");
    expect(within(banner).getByText("tasks still show media from this storage")).toBeTruthy();
    expect(screen.getAllByTestId("cloud-storage-row")).toHaveLength(1);
  });

  it("speaks French", async () => {
    const api = server().on("GET /api/auth/me", 200, { ...ADA, locale: "fr" }).on(LIST, 200, [STORAGE]);
    renderWith(<ProjectCloudStorage projectId={2} />, api, "fr");
    expect((await screen.findByTestId("cloud-storage-row")).textContent).toContain("clés enregistrées");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Stockage cloud");
  });
});
